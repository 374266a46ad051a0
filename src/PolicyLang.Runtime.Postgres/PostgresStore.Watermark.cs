using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

// Incremental checks: the highest watermark above the last one (docs/incremental-checks.md); with an index on the column, one index probe.
public sealed partial class PostgresStore : IWatermarkSource
{
    /// <inheritdoc />
    public async Task<string?> WatermarkAsync(DatasetModel dataset, string column, string? from, CancellationToken ct)
    {
        var query = WatermarkQuery(dataset, column, from);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, query.Sql, query.Parameters);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false) || reader.IsDBNull(0))
        {
            return null;
        }

        // A date stays a date (yyyy-mm-dd), not its midnight.
        return reader.GetDataTypeName(0) == "date" ? Values.Date(reader.GetFieldValue<DateOnly>(0)) : Values.ToInvariantString(reader.GetValue(0));
    }

    /// <summary>The query finding the highest <paramref name="column"/> above <paramref name="from"/> (every row when null).</summary>
    internal static PostgresQuery WatermarkQuery(DatasetModel dataset, string column, string? from)
    {
        var p = new Parameters();
        var above = from is null ? string.Empty : $" WHERE {Sql.Id(column)} > {p.Add(from)}";
        return new PostgresQuery("watermark", $"SELECT max({Sql.Id(column)}) FROM {Sql.Table(dataset)}{above}", p.Values, true, []);
    }
}
