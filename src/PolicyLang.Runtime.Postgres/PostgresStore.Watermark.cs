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
        var p = new Parameters();
        var above = from is null ? string.Empty : $" WHERE {Sql.Id(column)} > {p.Add(from)}";
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT max({Sql.Id(column)}) FROM {Sql.Table(dataset)}{above}", p.Values);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false) || reader.IsDBNull(0))
        {
            return null;
        }

        // A date stays a date (yyyy-mm-dd), not its midnight.
        return reader.GetDataTypeName(0) == "date" ? Values.Date(reader.GetFieldValue<DateOnly>(0)) : Values.ToInvariantString(reader.GetValue(0));
    }
}
