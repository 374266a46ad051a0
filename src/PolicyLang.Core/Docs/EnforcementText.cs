using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Controls;

namespace PolicyLang.Core.Docs;

/// <summary>
/// Every sentence a document says about how something is enforced, taken from <see cref="StoreCapabilities"/> for the stores the
/// policy uses, so no store is described as doing what it cannot (the Markdown, JSON and HTML documents share these).
/// </summary>
internal static class EnforcementText
{
    /// <summary>Per store holding datasets with grants or masks: what its kind does with grants and with masks.</summary>
    public static IReadOnlyList<string> Access(BoundPolicy p) =>
        [.. StoresOf(p.Datasets.Where(d => d.Grants.Count + d.Masks.Count > 0))
            .Select(s => $"**{s.Name}** ({s.KindName}): grants: {Text(s, StoreCapability.EnforcedGrants)}; masks: {Text(s, StoreCapability.MaskedViews)}.")];

    /// <summary>Per store holding datasets with retention: whether the store enforces it too, beside the runner.</summary>
    public static IReadOnlyList<string> Retention(BoundPolicy p) =>
        [.. StoresOf(p.Datasets.Where(d => d.Lifecycle.Count > 0))
            .Select(s => $"**{s.Name}** ({s.KindName}): {Text(s, StoreCapability.NativeRetention)}.")];

    /// <summary>What the audit's store does with the trail.</summary>
    public static string Audit(StoreSymbol store) => Text(store, StoreCapability.TamperEvidentAudit);

    /// <summary>Whether the audit's store can write the trail at all.</summary>
    public static bool CanHoldAudit(StoreSymbol? store) => store is null || StoreCapabilities.Has(store, StoreCapability.TamperEvidentAudit);

    /// <summary>An offsite store as the backup table shows it: remote, or local with the reason.</summary>
    public static string Offsite(BackupSymbol b) =>
        b.Offsite is not { } o ? "**none**"
        : StoreCapabilities.NotIsolated(o, b.Covers) is { } local ? $"{ComplianceDocument.StoreWithClass(o)}: **local**, {local}"
        : $"{ComplianceDocument.StoreWithClass(o)}: remote";

    /// <summary>Where a backup's copies land, and what the runner checks of them.</summary>
    public static string Copies(BackupSymbol b) => b.Evidence is not { } e
        ? "not given: the runner does not check the copies"
        : $"{e.Store.Name} ({e.Store.KindName}) {Place(e)}: each run checks the newest copy against the schedule"
            + (b.Retain is null ? string.Empty : " and the oldest against the retention");

    private static string Place(BackupEvidence e) => e.Records is { } r
        ? $"{Binding.DatasetBinder.RowsLocation(e.Store.Kind)} `{r.Table}`, a record per copy timed by `{r.TimeColumn}`"
        : $"prefix `{e.Prefix}`";

    private static string Text(StoreSymbol s, StoreCapability capability) => StoreCapabilities.Of(s.Kind, capability).Text;

    private static IEnumerable<StoreSymbol> StoresOf(IEnumerable<DatasetSymbol> datasets) => datasets.Select(d => d.Store).DistinctBy(s => s.Name);
}
