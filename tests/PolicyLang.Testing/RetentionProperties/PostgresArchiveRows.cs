using System.Globalization;
using System.Text.Json;
using Parquet;

namespace PolicyLang.Testing.RetentionProperties;

/// <summary>
/// A postgres archive object's rows read from the file alone (JSON Lines or Parquet), canonicalized as
/// <see cref="PostgresPropertyEngine.SnapshotAsync"/> reads the table: integers, round-trip doubles, true/false, UTC instants, text.
/// </summary>
internal static class PostgresArchiveRows
{
    public static string Float(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string Instant(DateTime t) =>
        (t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public static List<string?[]> JsonLines(RetentionCase c, string file) =>
        File.ReadAllLines(file).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return c.Columns.Select(col => JsonValue(col.Kind, json.RootElement.GetProperty(col.Name))).ToArray();
        }).ToList();

    private static string? JsonValue(Kind kind, JsonElement e) => (e.ValueKind, kind) switch
    {
        (JsonValueKind.Null, _) => null,
        (JsonValueKind.True or JsonValueKind.False, Kind.Boolean) => e.GetBoolean() ? "true" : "false",
        (JsonValueKind.Number, Kind.Integer) => e.GetInt64().ToString(CultureInfo.InvariantCulture),
        (JsonValueKind.Number, Kind.Float) => Float(e.GetDouble()),
        (JsonValueKind.String, Kind.Float) => Float(double.Parse(e.GetString()!, CultureInfo.InvariantCulture)),
        (JsonValueKind.String, Kind.Timestamp) => Instant(DateTime.Parse(e.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)),
        (JsonValueKind.String, Kind.Text) => e.GetString(),
        _ => throw new Xunit.Sdk.XunitException($"{kind} archived as JSON {e.ValueKind}: {e.GetRawText()}"),
    };

    public static async Task<List<string?[]>> ParquetAsync(RetentionCase c, string file)
    {
        await using var stream = File.OpenRead(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        var rows = new List<string?[]>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var data = new Dictionary<string, object?[]>(StringComparer.Ordinal);
            foreach (var field in fields)
            {
                data[field.Name] = await ColumnAsync(group, field);
            }

            for (var i = 0; i < group.RowCount; i++)
            {
                rows.Add(c.Columns.Select(col => data[col.Name][i] switch
                {
                    null => null,
                    long l => l.ToString(CultureInfo.InvariantCulture),
                    double d => Float(d),
                    bool b => b ? "true" : "false",
                    DateTime t => Instant(t),
                    string s => s,
                    var other => throw new Xunit.Sdk.XunitException($"{col.Name} archived as {other.GetType()}"),
                }).ToArray());
            }
        }

        return rows;
    }

    /// <summary>A column of one row group, as the archive writer's kinds: nullable long, double, bool or DateTime, else text.</summary>
    private static async Task<object?[]> ColumnAsync(ParquetRowGroupReader group, Parquet.Schema.DataField field)
    {
        if (field.ClrType == typeof(long))
        {
            return await NullableAsync<long>(group, field);
        }

        if (field.ClrType == typeof(double))
        {
            return await NullableAsync<double>(group, field);
        }

        if (field.ClrType == typeof(bool))
        {
            return await NullableAsync<bool>(group, field);
        }

        if (field.ClrType == typeof(DateTime))
        {
            return await NullableAsync<DateTime>(group, field);
        }

        var texts = new string?[group.RowCount];
        await group.ReadAsync(field, texts.AsMemory()!, null, CancellationToken.None);
        return texts;
    }

    private static async Task<object?[]> NullableAsync<T>(ParquetRowGroupReader group, Parquet.Schema.DataField field) where T : struct
    {
        var values = new T?[group.RowCount];
        await group.ReadAsync(field, values.AsMemory(), null, CancellationToken.None);
        return values.Select(v => (object?)v).ToArray();
    }
}
