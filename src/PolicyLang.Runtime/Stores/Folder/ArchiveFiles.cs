using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using PolicyLang.Runtime.Retention;

namespace PolicyLang.Runtime.Stores.Folder;

/// <summary>Reads archive objects back without a database driver.</summary>
public static class ArchiveFiles
{
    /// <summary>Rows in a Parquet file (from its footer) or non-empty lines in a JSON Lines file.</summary>
    public static async Task<long> CountRowsAsync(string path, string format, CancellationToken ct)
    {
        if (format == "jsonl")
        {
            long lines = 0;
            using var reader = new StreamReader(path);
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (line.Length > 0)
                {
                    lines++;
                }
            }

            return lines;
        }

        await using var stream = File.OpenRead(path);
        await using var parquet = await ParquetReader.CreateAsync(stream, cancellationToken: ct).ConfigureAwait(false);
        return parquet.Metadata?.NumRows ?? throw new InvalidDataException($"'{path}' has no Parquet footer");
    }

    /// <summary>Whether the file has a column <paramref name="column"/>: in its Parquet schema, or in the first row of a JSON Lines file. An unreadable file has none.</summary>
    public static Task<bool> HasColumnAsync(string path, string format, string column, CancellationToken ct) => HasColumnsAsync(path, format, [column], ct);

    /// <summary>Whether the file has every one of <paramref name="columns"/> (a key's columns), as <see cref="HasColumnAsync"/> tells.</summary>
    public static async Task<bool> HasColumnsAsync(string path, string format, IReadOnlyList<string> columns, CancellationToken ct)
    {
        try
        {
            if (format == "jsonl")
            {
                using var reader = new StreamReader(path);
                while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
                {
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    using var row = JsonDocument.Parse(line);
                    return row.RootElement.ValueKind == JsonValueKind.Object && columns.All(c => row.RootElement.TryGetProperty(c, out _));
                }

                return false;
            }

            await using var stream = File.OpenRead(path);
            await using var parquet = await ParquetReader.CreateAsync(stream, cancellationToken: ct).ConfigureAwait(false);
            return columns.All(c => parquet.Schema.DataFields.Any(f => f.Name == c));
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>
    /// The values of column <paramref name="keyColumn"/> in file order, as the invariant text stores exchange keys in (integers and
    /// decimals as written, text as is, uuids in lower case, dates <c>yyyy-MM-dd</c>, timestamps <c>yyyy-MM-dd HH:mm:ss[.ffffff]</c>).
    /// Used to rebuild a damaged manifest from its data object.
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be read, has no such column, or holds a null key.</exception>
    public static Task<IReadOnlyList<string>> ReadKeysAsync(string path, string format, string keyColumn, CancellationToken ct) =>
        ReadKeysAsync(path, format, [keyColumn], ct);

    /// <summary>
    /// The keys of the file's rows in file order for a key of <paramref name="keyColumns"/>: each column's invariant text
    /// (as <see cref="ReadKeysAsync(string, string, string, CancellationToken)"/>), composed as <see cref="RetentionKeys.Compose"/> does.
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be read, lacks a key column, or holds a null in one.</exception>
    public static async Task<IReadOnlyList<string>> ReadKeysAsync(string path, string format, IReadOnlyList<string> keyColumns, CancellationToken ct)
    {
        var keys = new List<string>();
        if (format == "jsonl")
        {
            using var reader = new StreamReader(path);
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                try
                {
                    using var row = JsonDocument.Parse(line);
                    var parts = new List<string?>(keyColumns.Count);
                    foreach (var keyColumn in keyColumns)
                    {
                        if (!row.RootElement.TryGetProperty(keyColumn, out var key) || key.ValueKind == JsonValueKind.Null)
                        {
                            throw new InvalidDataException($"a row of '{path}' has no key '{keyColumn}'");
                        }

                        parts.Add(key.ValueKind == JsonValueKind.String ? key.GetString()! : key.GetRawText());
                    }

                    keys.Add(RetentionKeys.Compose(parts));
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"'{path}' is not JSON Lines: {ex.Message}", ex);
                }
            }

            return keys;
        }

        await using var stream = File.OpenRead(path);
        await using var parquet = await ParquetReader.CreateAsync(stream, cancellationToken: ct).ConfigureAwait(false);
        var fields = keyColumns.Select(c => parquet.Schema.DataFields.FirstOrDefault(f => f.Name == c)
            ?? throw new InvalidDataException($"'{path}' has no column '{c}'")).ToList();
        for (var group = 0; group < parquet.RowGroupCount; group++)
        {
            using var rows = parquet.OpenRowGroupReader(group);
            var columns = new List<object?[]>();
            foreach (var field in fields)
            {
                columns.Add(await ColumnAsync(rows, field, ct).ConfigureAwait(false));
            }

            for (var row = 0; row < rows.RowCount; row++)
            {
                keys.Add(RetentionKeys.Compose(columns.Select(values => KeyText(values[row]) ?? throw new InvalidDataException($"'{path}' holds a null key")).ToList()));
            }
        }

        return keys;
    }

    private static async Task<object?[]> ColumnAsync(ParquetRowGroupReader rows, DataField field, CancellationToken ct)
    {
        var type = field.ClrType;
        if (type == typeof(long))
        {
            return await ValuesAsync<long>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(int))
        {
            return await ValuesAsync<int>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(short))
        {
            return await ValuesAsync<short>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(ulong))
        {
            return await ValuesAsync<ulong>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(uint))
        {
            return await ValuesAsync<uint>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(decimal))
        {
            return await ValuesAsync<decimal>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(double))
        {
            return await ValuesAsync<double>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(Guid))
        {
            return await ValuesAsync<Guid>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(DateTime))
        {
            return await ValuesAsync<DateTime>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(DateOnly))
        {
            return await ValuesAsync<DateOnly>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(bool))
        {
            return await ValuesAsync<bool>(rows, field, ct).ConfigureAwait(false);
        }

        // Parquet.Net 6 reports a UTF-8 column as ReadOnlyMemory<char>; it reads into strings all the same.
        if (type != typeof(string) && type != typeof(ReadOnlyMemory<char>))
        {
            throw new InvalidDataException($"key column '{field.Name}' has a type ({type.Name}) keys are never archived as");
        }

        var texts = new string?[rows.RowCount];
        await rows.ReadAsync(field, texts.AsMemory(), null, ct).ConfigureAwait(false);
        return texts;
    }

    private static async Task<object?[]> ValuesAsync<T>(ParquetRowGroupReader rows, DataField field, CancellationToken ct) where T : struct
    {
        if (!field.IsNullable)
        {
            var required = new T[rows.RowCount];
            await rows.ReadAsync(field, required.AsMemory(), null, ct).ConfigureAwait(false);
            return required.Select(v => (object?)v).ToArray();
        }

        var values = new T?[rows.RowCount];
        await rows.ReadAsync(field, values.AsMemory(), null, ct).ConfigureAwait(false);
        return values.Select(v => (object?)v).ToArray();
    }

    private static string? KeyText(object? value) => value switch
    {
        null => null,
        string s => s,
        Guid g => g.ToString("D"),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
