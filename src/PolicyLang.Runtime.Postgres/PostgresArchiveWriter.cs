using System.Text.Json;
using Npgsql;
using Parquet;
using Parquet.Schema;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// Writes one retention batch, streamed from a reader, as Parquet (a row group per result set, or per
/// <c>groupBytes</c> of values when a result set is larger) or JSON Lines. Integers, floats, booleans and timestamps keep
/// their types; every other type (numeric, text, uuid, json, arrays...) is archived as its exact PostgreSQL text form, so
/// nothing is rounded; JSON Lines writes the floats JSON has no number for as "NaN", "Infinity" and "-Infinity". Memory is
/// bounded by two row groups (one read, one encoded), never by the batch or the table, so wide rows (large text or json
/// values) do not make a chunk's buffer grow with them.
/// </summary>
internal static class PostgresArchiveWriter
{
    internal enum Kind { Integer, Float, Boolean, Timestamp, Text }

    /// <summary>
    /// zstd at its fastest level, like the duckdb store's archives: with Parquet.Net it is 2–3× faster than the default
    /// Snappy on text columns and smaller (measured: 11 vs 23–33 ms per 10,000 strings), and compression was the export's main cost.
    /// </summary>
    private static readonly ParquetOptions Options = new()
    {
        CompressionMethod = CompressionMethod.Zstd,
        CompressionLevel = System.IO.Compression.CompressionLevel.Fastest,
    };

    internal sealed record Column(string Name, Kind Kind, string Select);

    public static async Task<IReadOnlyList<Column>> ColumnsAsync(NpgsqlConnection connection, DatasetModel dataset, CancellationToken ct)
    {
        var columns = new List<Column>();
        await using var command = PostgresStore.Command(connection,
            "SELECT attname, atttypid::regtype::text FROM pg_attribute WHERE attrelid = to_regclass($1::text) AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
            [Sql.Table(dataset)]);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var name = reader.GetString(0);
            var c = Sql.Id(name);
            columns.Add(reader.GetString(1) switch
            {
                "smallint" or "integer" or "bigint" => new Column(name, Kind.Integer, $"{c}::bigint AS {c}"),
                "real" or "double precision" => new Column(name, Kind.Float, $"{c}::float8 AS {c}"),
                "boolean" => new Column(name, Kind.Boolean, c),
                // Read as stored (no per-row conversion on the server): a timestamp without zone is UTC in the runtime (the
                // session's TimeZone is UTC, so this equals the ::timestamptz it once was); a date becomes midnight UTC.
                "timestamp without time zone" or "timestamp with time zone" => new Column(name, Kind.Timestamp, c),
                "date" => new Column(name, Kind.Timestamp, $"{c}::timestamptz AS {c}"),
                _ => new Column(name, Kind.Text, $"{c}::text AS {c}"),
            });
        }

        return columns;
    }

    /// <summary>Estimated bytes of buffered values at which a Parquet row group is closed: far above a normal chunk (10,000 rows of a hundred bytes take ≈1.5 MB).</summary>
    public const long DefaultGroupBytes = 16L << 20;

    /// <summary>Writes every row of every result set of <paramref name="reader"/>; <paramref name="accept"/>, when given, vets each row first.</summary>
    /// <exception cref="RowRejectedException"><paramref name="accept"/> refused a row; the file is incomplete and must be discarded.</exception>
    public static async Task<long> WriteAsync(NpgsqlDataReader reader, IReadOnlyList<Column> columns, string format, string path,
        Func<NpgsqlDataReader, bool>? accept, CancellationToken ct, long groupBytes = DefaultGroupBytes)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        return format == "jsonl"
            ? await JsonLinesAsync(reader, columns, file, accept, ct).ConfigureAwait(false)
            : await ParquetAsync(reader, columns, file, accept, groupBytes, ct).ConfigureAwait(false);
    }

    /// <summary>A row the caller did not expect: the export is abandoned.</summary>
    internal sealed class RowRejectedException : Exception;

    private static async Task<long> JsonLinesAsync(NpgsqlDataReader reader, IReadOnlyList<Column> columns, Stream file,
        Func<NpgsqlDataReader, bool>? accept, CancellationToken ct)
    {
        long rows = 0;
        await using var json = new Utf8JsonWriter(file);
        do
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                if (accept is not null && !accept(reader))
                {
                    throw new RowRejectedException();
                }

                WriteJsonRow(json, reader, columns);
                await json.FlushAsync(ct).ConfigureAwait(false);
                json.Reset();
                file.WriteByte((byte)'\n');
                rows++;
            }
        }
        while (await reader.NextResultAsync(ct).ConfigureAwait(false));
        return rows;
    }

    private static void WriteJsonRow(Utf8JsonWriter json, NpgsqlDataReader reader, IReadOnlyList<Column> columns)
    {
        json.WriteStartObject();
        for (var i = 0; i < columns.Count; i++)
        {
            json.WritePropertyName(columns[i].Name);
            if (reader.IsDBNull(i)) { json.WriteNullValue(); continue; }

            switch (columns[i].Kind)
            {
                case Kind.Integer: json.WriteNumberValue(reader.GetInt64(i)); break;
                case Kind.Float: WriteFloat(json, reader.GetDouble(i)); break;
                case Kind.Boolean: json.WriteBooleanValue(reader.GetBoolean(i)); break;
                case Kind.Timestamp: json.WriteStringValue(Values.ToInvariantString(Values.AsUtc(reader.GetDateTime(i)))); break;
                default: json.WriteStringValue(reader.GetString(i)); break;
            }
        }

        json.WriteEndObject();
    }

    /// <summary>A float as a JSON number, or as PostgreSQL spells it when JSON has no such number ("NaN", "Infinity", "-Infinity").</summary>
    private static void WriteFloat(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static async Task<long> ParquetAsync(NpgsqlDataReader reader, IReadOnlyList<Column> columns, Stream file,
        Func<NpgsqlDataReader, bool>? accept, long groupBytes, CancellationToken ct)
    {
        var fields = columns.Select(c => c.Kind switch
        {
            Kind.Integer => (DataField)new DataField<long?>(c.Name),
            Kind.Float => new DataField<double?>(c.Name),
            Kind.Boolean => new DataField<bool?>(c.Name),
            Kind.Timestamp => new DataField<DateTime?>(c.Name),
            _ => new DataField<string>(c.Name, true),
        }).ToArray();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file, Options, cancellationToken: ct).ConfigureAwait(false);
        long rows = 0;
        var groups = 0;
        // A row group is encoded and compressed on the thread pool while the next one is read, so the encoding (the writer's
        // main cost) overlaps with the server producing the next chunk. Groups are written in order.
        var encoding = Task.CompletedTask;
        try
        {
            do
            {
                Group group;
                do
                {
                    group = await ReadGroupAsync(reader, columns, accept, groupBytes, ct).ConfigureAwait(false);
                    await encoding.ConfigureAwait(false);
                    // Every file has a row group, even an empty one; later empty groups add nothing.
                    if (group.Rows == 0 && groups > 0)
                    {
                        continue;
                    }

                    var full = group;
                    encoding = Task.Run(() => WriteGroupAsync(writer, fields, full, ct), ct);
                    rows += group.Rows;
                    groups++;
                }
                while (group.Full);
            }
            while (await reader.NextResultAsync(ct).ConfigureAwait(false));
            await encoding.ConfigureAwait(false);
        }
        catch when (!encoding.IsCompleted)
        {
            // The writer must not be disposed under a running encoder; the first failure is the one reported.
            await Task.WhenAny(encoding).ConfigureAwait(false);
            throw;
        }

        return rows;
    }

    /// <summary>
    /// One row group's values, column by column, in a list of the column's kind (the arrays of the other kinds hold null
    /// there). <see cref="Full"/>: the group stopped at its size bound, so its result set has more rows.
    /// </summary>
    private sealed class Group(IReadOnlyList<Column> columns)
    {
        public readonly List<long?>[] Longs = Lists<long?>(columns, Kind.Integer);
        public readonly List<double?>[] Doubles = Lists<double?>(columns, Kind.Float);
        public readonly List<bool?>[] Bools = Lists<bool?>(columns, Kind.Boolean);
        public readonly List<DateTime?>[] Times = Lists<DateTime?>(columns, Kind.Timestamp);
        public readonly List<string?>[] Texts = Lists<string?>(columns, Kind.Text);
        public long Rows;
        public long Bytes;
        public bool Full;

        private static List<T>[] Lists<T>(IReadOnlyList<Column> columns, Kind kind) =>
            columns.Select(c => c.Kind == kind ? new List<T>() : null!).ToArray();
    }

    /// <summary>The next rows of the current result set, up to its end or until their values take about <paramref name="groupBytes"/>.</summary>
    private static async Task<Group> ReadGroupAsync(NpgsqlDataReader reader, IReadOnlyList<Column> columns, Func<NpgsqlDataReader, bool>? accept,
        long groupBytes, CancellationToken ct)
    {
        var g = new Group(columns);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            if (accept is not null && !accept(reader))
            {
                throw new RowRejectedException();
            }

            for (var i = 0; i < columns.Count; i++)
            {
                var isNull = reader.IsDBNull(i);
                switch (columns[i].Kind)
                {
                    case Kind.Integer: g.Longs[i].Add(isNull ? null : reader.GetInt64(i)); g.Bytes += 16; break;
                    case Kind.Float: g.Doubles[i].Add(isNull ? null : reader.GetDouble(i)); g.Bytes += 16; break;
                    case Kind.Boolean: g.Bools[i].Add(isNull ? null : reader.GetBoolean(i)); g.Bytes += 2; break;
                    case Kind.Timestamp: g.Times[i].Add(isNull ? null : Values.AsUtc(reader.GetDateTime(i))); g.Bytes += 16; break;
                    default:
                        var text = isNull ? null : reader.GetString(i);
                        g.Texts[i].Add(text);
                        g.Bytes += 8 + (text is null ? 0 : 22 + 2L * text.Length);
                        break;
                }
            }

            g.Rows++;
            if (g.Bytes >= groupBytes)
            {
                g.Full = true;
                break;
            }
        }

        return g;
    }

    private static async Task WriteGroupAsync(ParquetWriter writer, DataField[] fields, Group g, CancellationToken ct)
    {
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < fields.Length; i++)
        {
            switch (fields[i])
            {
                case DataField<long?>: await group.WriteAsync<long>(fields[i], g.Longs[i].ToArray(), null, null, ct).ConfigureAwait(false); break;
                case DataField<double?>: await group.WriteAsync<double>(fields[i], g.Doubles[i].ToArray(), null, null, ct).ConfigureAwait(false); break;
                case DataField<bool?>: await group.WriteAsync<bool>(fields[i], g.Bools[i].ToArray(), null, null, ct).ConfigureAwait(false); break;
                case DataField<DateTime?>: await group.WriteAsync<DateTime>(fields[i], g.Times[i].ToArray(), null, null, ct).ConfigureAwait(false); break;
                default: await group.WriteAsync(fields[i], g.Texts[i]!, null).ConfigureAwait(false); break;
            }
        }
    }
}
