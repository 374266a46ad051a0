using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>
/// Optional capability of an <see cref="IStoreProvider"/>: describe, without connecting, what a run would send to a
/// store of its kind (SQL per dataset, aggregation pipelines, lifecycle rules, TTL indexes). Used by <c>policyc plan</c>.
/// </summary>
public interface IStorePlanner
{
    /// <summary>Writes the plan for every dataset of <paramref name="policy"/> held by <paramref name="store"/>.</summary>
    /// <param name="policy">The compiled policy.</param>
    /// <param name="store">One of the policy's stores, of this provider's kind.</param>
    /// <param name="now">The instant time windows are computed from.</param>
    /// <param name="writer">Where the plan is written, as readable text.</param>
    void WritePlan(PolicyModel policy, StoreModel store, DateTimeOffset now, TextWriter writer);
}
