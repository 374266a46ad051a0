using System.Text.Json;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.DuckDb;

public sealed partial class DuckDbStore
{
    /// <inheritdoc />
    public Task<IAuditSink> OpenAuditAsync(AuditModel audit, string policy, CancellationToken ct)
    {
        var location = audit.Table ?? "policylang_audit";
        var (schema, _) = Sql.Split(location);
        if (schema is not null)
        {
            Execute($"CREATE SCHEMA IF NOT EXISTS {Sql.Id(schema)}");
        }
        // Timestamps are kept as the canonical text so a record hashes the same after the round trip.
        Execute($"CREATE TABLE IF NOT EXISTS {Sql.Table(location)} (sequence BIGINT NOT NULL, timestamp VARCHAR NOT NULL, policy VARCHAR NOT NULL, " +
                "action VARCHAR NOT NULL, dataset VARCHAR, details VARCHAR NOT NULL, counts VARCHAR NOT NULL, previous_hash VARCHAR, hash VARCHAR)");
        return Task.FromResult<IAuditSink>(new DuckDbAuditSink(this, Sql.Table(location), policy, audit.TamperEvident));
    }
}
