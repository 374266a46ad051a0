using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>A store that can bound an incremental check (docs/incremental-checks.md): the highest value of a watermark column.</summary>
public interface IWatermarkSource
{
    /// <summary>
    /// The highest value of <paramref name="column"/> in <paramref name="dataset"/> above <paramref name="from"/> (over every row when null),
    /// as canonical text (<see cref="Checks.Values.ToInvariantString"/>); null when no row is above it.
    /// </summary>
    Task<string?> WatermarkAsync(DatasetModel dataset, string column, string? from, CancellationToken ct);
}
