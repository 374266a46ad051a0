using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.S3;

/// <summary>
/// Builds the <see cref="CheckPlan{TQuery}"/> of an s3 prefix dataset, whose rows are the objects under the prefix: one listing
/// answers every rule (<c>objects at least n</c> from the count, <c>object-age fresher than d</c> from the objects inside the window);
/// the sample of a stale prefix is its newest objects.
/// </summary>
internal static class S3CheckPlanner
{
    /// <summary>The plan checking <paramref name="request"/>; the sample lists up to <paramref name="sampleLimit"/> objects.</summary>
    public static CheckPlan<S3Query> Plan(DatasetCheckRequest request, int sampleLimit)
    {
        var prefix = request.Dataset.Location;
        var fresh = request.Rules.Where(r => r.Kind == RuleKind.ObjectAgeFresherThan).ToList();
        var others = request.Rules.Where(r => r.Kind is not (RuleKind.ObjectAgeFresherThan or RuleKind.ObjectsAtLeast)).ToList();
        return new CheckPlan<S3Query>(request.Dataset, request.Rules,
            [Listing("fused", prefix, fresh, request.Now)],
            Listing("total", prefix, [], request.Now),
            CheckPlan<S3Query>.PerRule(fresh, r => Listing("isolated", prefix, [r], request.Now)),
            CheckPlan<S3Query>.PerRule(fresh, r => new S3Query("sample", prefix, [], sampleLimit, false, [new RuleAnswer(r.Name)])),
            request.Rules.Where(r => r.Kind == RuleKind.ObjectsAtLeast).Select(r => r.Name).ToList(),
            others.ToDictionary(r => r.Name, r => $"rule kind '{r.Kind}' does not apply to the objects of an s3 prefix", StringComparer.Ordinal),
            []);
    }

    // The plan fragment of `object-age fresher than d`: the objects modified at or after now − d.
    private static S3Query Listing(string purpose, string prefix, IReadOnlyList<RuleModel> fresh, DateTimeOffset now) =>
        new(purpose, prefix, fresh.Select(r => r.Window is { } w ? w.Before(now) : DateTimeOffset.MaxValue).ToList(), 0, true,
            fresh.Select(r => new RuleAnswer(r.Name, AnswerShape.AnyFresh)).ToList());
}
