using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.DuckDb;

// Incremental checks: the highest watermark above the last one (docs/incremental-checks.md).
public sealed partial class DuckDbStore : IWatermarkSource
{
    /// <inheritdoc />
    public Task<string?> WatermarkAsync(DatasetModel dataset, string column, string? from, CancellationToken ct)
    {
        RequireUnambiguous(dataset);
        var query = WatermarkQuery(dataset, column, from);
        using var command = Command(query.Sql, query.Parameters);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(0))
        {
            return Task.FromResult<string?>(null);
        }

        // A date stays a date (yyyy-mm-dd), not its midnight.
        var value = reader.GetValue(0);
        return Task.FromResult(reader.GetString(1) == "DATE" && value is DateTime midnight
            ? Values.Date(DateOnly.FromDateTime(midnight))
            : Values.ToInvariantString(value));
    }

    /// <summary>The query finding the highest <paramref name="column"/> above <paramref name="from"/> (every row when null), and its type.</summary>
    internal static DuckDbQuery WatermarkQuery(DatasetModel dataset, string column, string? from)
    {
        var p = new Parameters();
        var above = from is null ? string.Empty : $" WHERE {Sql.Id(column)} > {p.Add(from)}";
        var c = Sql.Id(column);
        return new DuckDbQuery("watermark", $"SELECT max({c}), typeof(max({c})) FROM {Sql.Table(dataset)}{above}", p, true, []);
    }
}
