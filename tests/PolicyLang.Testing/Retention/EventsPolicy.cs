using PolicyLang.Runtime.Model;

namespace PolicyLang.Testing.Retention;

/// <summary>
/// The retention policy of the kill suites and of <c>FaultHost</c>: dataset <c>events</c> kept 30 days by <c>created</c>, archived as
/// Parquet, then deleted, with a hash-chained audit trail. Archived to the folder <c>archive</c>, or to an s3 store when one is given.
/// </summary>
internal static class EventsPolicy
{
    public static PolicyModel For(string store, RetentionModel? retention = null, StoreModel? s3 = null, string? mongoTls = null)
    {
        retention ??= M.Retention();
        if (s3 is not null)
        {
            retention = retention with { ArchiveStore = s3.Name };
        }

        var archive = s3 ?? M.Folder();
        return store switch
        {
            "duckdb" => M.Policy(s3 is null ? [M.DuckDb(), archive] : [M.DuckDb(), archive, M.Folder("files")],
                [M.Dataset("events", "events", "id", [], retention)], new AuditModel(s3 is null ? "archive" : "files", "audit", null, true)),
            "postgres" => M.Policy([M.Postgres(), archive], [M.Dataset("events", "events", "id", [], retention)], new AuditModel("db", "governance.audit_log", null, true)),
            "mongodb" => M.Policy([M.MongoDb(mongoTls), archive], [M.Collection("events", "events", [], retention: retention)], new AuditModel("archive", "audit", null, true)),
            _ => throw new ArgumentException($"no events policy for store kind '{store}'", nameof(store)),
        };
    }
}
