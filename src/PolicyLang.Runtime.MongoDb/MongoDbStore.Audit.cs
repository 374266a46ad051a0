using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

public sealed partial class MongoDbStore
{
    /// <summary>Opens the audit trail in collection <c>audit.Table</c> (default <c>policylang_audit</c>) of this database.</summary>
    public Task<IAuditSink> OpenAuditAsync(AuditModel audit, string policy, CancellationToken ct)
    {
        var name = audit.Table ?? "policylang_audit";
        return Task.FromResult<IAuditSink>(new MongoDbAuditSink(Database.GetCollection<BsonDocument>(name), policy, audit.TamperEvident));
    }
}
