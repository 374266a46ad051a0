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
        var p = new Parameters();
        var above = from is null ? string.Empty : $" WHERE {Sql.Id(column)} > {p.Add(from)}";
        using var command = Command($"SELECT max({Sql.Id(column)}) FROM {Sql.Table(dataset)}{above}", p);
        return Task.FromResult(Values.ToInvariantString(command.ExecuteScalar()));
    }
}
