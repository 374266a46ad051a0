using MongoDB.Bson;
using PolicyLang.Runtime.Checks;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>Where a rule's count comes from in the pipeline's result.</summary>
public enum MongoDbSlotKind
{
    /// <summary>A conditional sum in the shared <c>$group</c>.</summary>
    Group,
    /// <summary>A <c>$facet</c> branch ending in <c>{ v: count }</c>.</summary>
    Facet,
    /// <summary>Computed from the total (<c>rows at least n</c>).</summary>
    FromTotal,
    /// <summary>The rule cannot run here; <see cref="MongoDbRuleSlot.Error"/> says why.</summary>
    Error,
}

/// <summary>One rule's place in a <see cref="MongoDbPipeline"/>.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Kind">Where its count lands.</param>
/// <param name="Field">The result field (<c>rN</c>) for group and facet slots.</param>
/// <param name="Error">Why the rule cannot run, for error slots.</param>
public sealed record MongoDbRuleSlot(string Rule, MongoDbSlotKind Kind, string? Field, string? Error)
{
    /// <summary>For <c>fresher than</c>: the field counting documents inside the window.</summary>
    public string? FreshField { get; init; }
}

/// <summary>A planned check: the pipeline stages, each rule's slot in the result, and cost warnings (e.g. <c>$lookup</c>).</summary>
public sealed record MongoDbPipeline(BsonDocument[] Stages, IReadOnlyList<MongoDbRuleSlot> Slots, IReadOnlyList<string> Warnings)
{
    /// <summary>True when the pipeline is a <c>$facet</c> (some rule needs its own grouping).</summary>
    public bool IsFacet => Stages.Length == 1 && Stages[0].Contains("$facet");

    /// <summary>
    /// Reads the pipeline's one result document (null when the collection is empty: <c>$group</c> over nothing yields nothing)
    /// into per-rule counts, in plan order. <paramref name="rowsAtLeast"/> gives the <c>n</c> of <c>rows at least n</c> rules.
    /// </summary>
    public (long Total, IReadOnlyList<RuleCounts> Counts) Read(BsonDocument? result, Func<string, long> rowsAtLeast)
    {
        var group = IsFacet ? First(result?.GetValue("counts", null)) : result;
        var total = Number(group, "total");
        var counts = Slots.Select(slot => slot.Kind switch
        {
            MongoDbSlotKind.Group => new RuleCounts(slot.Rule, Number(group, slot.Field!), total, slot.FreshField is { } f ? Number(group, f) : null),
            MongoDbSlotKind.Facet => new RuleCounts(slot.Rule, Number(First(result?.GetValue(slot.Field!, null)), "v"), total),
            MongoDbSlotKind.FromTotal => new RuleCounts(slot.Rule, Math.Max(0, rowsAtLeast(slot.Rule) - total), total),
            _ => new RuleCounts(slot.Rule, 0, total, Error: slot.Error),
        }).ToList();
        return (total, counts);
    }

    private static BsonDocument? First(BsonValue? array) =>
        array is BsonArray { Count: > 0 } a && a[0] is BsonDocument d ? d : null;

    // $sum yields int32 or int64 depending on magnitude; both read as long.
    private static long Number(BsonDocument? document, string field) =>
        document is not null && document.TryGetValue(field, out var v) && v.IsNumeric ? v.ToInt64() : 0;
}
