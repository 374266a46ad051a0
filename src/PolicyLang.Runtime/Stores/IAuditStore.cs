using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>A store that can hold the audit trail.</summary>
public interface IAuditStore : IStore
{
    /// <summary>Opens the audit sink described by <paramref name="audit"/> for <paramref name="policy"/>.</summary>
    Task<IAuditSink> OpenAuditAsync(AuditModel audit, string policy, CancellationToken ct);
}
