using PolicyLang.Runtime.Checks;

namespace PolicyLang.Runtime.S3;

/// <summary>
/// One command of an s3 <see cref="CheckPlan{TQuery}"/>: a listing of <see cref="Prefix"/>. Counting, its numbers are the object
/// count, then per <see cref="Cutoffs"/> entry the objects modified at or after it; sampling, the <see cref="Newest"/> newest objects.
/// </summary>
internal sealed record S3Query(string Purpose, string Prefix, IReadOnlyList<DateTimeOffset> Cutoffs, int Newest, bool CountsRows, IReadOnlyList<RuleAnswer> Answers)
    : CheckQuery(Purpose, CountsRows, Answers);
