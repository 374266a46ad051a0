namespace PolicyLang.Contracts;

/// <summary>
/// Which rule kinds an incremental check (<c>incremental by c</c>, <c>watermark c</c>) narrows to the new rows (docs/incremental-checks.md).
/// A row rule's verdict on a row depends on that row alone, so rows checked by an earlier successful run need no second look. The
/// others stay whole-dataset: <c>unique</c> (a duplicate may span old and new rows), <c>references</c> (kept with the set rules, whose
/// target may change), <c>fresher than</c> (the newest row of the dataset, which an hour without new rows must not fail), aggregates
/// and row counts (properties of every row), and the rules on S3 objects.
/// </summary>
public static class IncrementalKinds
{
    /// <summary>True when a rule of <paramref name="kind"/> checks only the rows inside its window.</summary>
    public static bool ChecksNewRowsOnly(RuleKind kind) =>
        kind is RuleKind.NotNull or RuleKind.Between or RuleKind.In or RuleKind.Matches or RuleKind.Compare or RuleKind.CSharp or RuleKind.Condition;
}
