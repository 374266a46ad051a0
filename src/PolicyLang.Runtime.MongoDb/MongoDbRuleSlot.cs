using MongoDB.Bson;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>Where a rule's count comes from in the pipeline's result.</summary>
internal enum MongoDbSlotKind
{
    /// <summary>A conditional sum in the shared <c>$group</c>.</summary>
    Group,
    /// <summary>A <c>$facet</c> branch ending in <c>{ v: count }</c>.</summary>
    Facet,
    /// <summary>Computed from the total (<c>rows at least n</c>).</summary>
    FromTotal,
    /// <summary>The rule cannot run here; <see cref="MongoDbRuleSlot.Error"/> says why.</summary>
    Error,
    /// <summary>An aggregate's observed value in the shared <c>$group</c> (finished by the <c>$set</c> after it).</summary>
    Observed,
}

/// <summary>One rule's place in a <see cref="MongoDbPipeline"/>.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Kind">Where its count lands.</param>
/// <param name="Field">The result field (<c>rN</c>) for group and facet slots.</param>
/// <param name="Error">Why the rule cannot run, for error slots.</param>
internal sealed record MongoDbRuleSlot(string Rule, MongoDbSlotKind Kind, string? Field, string? Error)
{
    /// <summary>For <c>fresher than</c>: the field counting documents inside the window.</summary>
    public string? FreshField { get; init; }

    /// <summary>For <c>tolerance p% of applicable rows</c>: the field counting documents the rule applies to.</summary>
    public string? ApplicableField { get; init; }
}
