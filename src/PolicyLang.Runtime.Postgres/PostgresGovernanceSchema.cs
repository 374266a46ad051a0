namespace PolicyLang.Runtime.Postgres;

/// <summary>The DDL of the governance tables, in one place for <see cref="PostgresSetup"/> and the create-if-missing paths.</summary>
internal static class PostgresGovernanceSchema
{
    public const string DefaultAuditTable = "governance.audit_log";
    public const string DefaultResultsTable = "governance.check_results";

    /// <summary>
    /// The audit table: <c>id</c> (identity) is the stored order, <c>(policy, sequence)</c> is unique so two writers can never
    /// both append sequence n; timestamps are kept as the canonical text so a record hashes the same after the round trip.
    /// A trigger refuses UPDATE, DELETE and TRUNCATE even for the owner (privileges already refuse them to the runner's role).
    /// </summary>
    public static IReadOnlyList<string> AuditTable(string location)
    {
        var table = Sql.Table(location);
        var (schema, name) = Sql.Split(location);
        var function = (schema is null ? "" : Sql.Id(schema) + ".") + Sql.Id("policylang_append_only");
        return
        [
            .. CreateSchema(schema),
            $"""
             CREATE TABLE IF NOT EXISTS {table} (
               id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
               sequence bigint NOT NULL,
               "timestamp" text NOT NULL,
               policy text NOT NULL,
               action text NOT NULL,
               dataset text,
               details text NOT NULL,
               counts text NOT NULL,
               previous_hash text,
               hash text,
               UNIQUE (policy, sequence))
             """,
            $"""
             CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS
             $body$ BEGIN RAISE EXCEPTION 'the audit log % is append-only', TG_TABLE_NAME; END $body$
             """,
            $"CREATE OR REPLACE TRIGGER {Sql.Id(Trim(name) + "_no_update")} BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()",
            $"CREATE OR REPLACE TRIGGER {Sql.Id(Trim(name) + "_no_truncate")} BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ];
    }

    /// <summary>One row per rule (and, for a policy with a <c>history</c> block, per step) per run: <c>run_at</c> is the run's clock, the same for every row of a run.</summary>
    public static IReadOnlyList<string> ResultsTable(string location)
    {
        var table = Sql.Table(location);
        var (schema, name) = Sql.Split(location);
        return
        [
            .. CreateSchema(schema),
            $"""
             CREATE TABLE IF NOT EXISTS {table} (
               run_at timestamptz NOT NULL,
               policy text NOT NULL,
               dataset text NOT NULL,
               rule text NOT NULL,
               kind text NOT NULL,
               severity text NOT NULL,
               status text NOT NULL,
               violations bigint NOT NULL,
               total bigint NOT NULL,
               tolerance double precision,
               error text,
               recorded_at timestamptz NOT NULL DEFAULT now())
             """,
            // The run history's columns (docs/history.md "Schema"), added to a table created by an earlier version.
            .. HistoryColumns.Select(c => $"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {c} text"),
            $"CREATE INDEX IF NOT EXISTS {Sql.Id(Trim(name) + "_by_time")} ON {table} (policy, dataset, rule, run_at)",
        ];
    }

    /// <summary>The columns of the run history beyond the results table of earlier versions (all text, all nullable).</summary>
    public static readonly IReadOnlyList<string> HistoryColumns = ["run_id", "entry", "details", "window_column", "window_from", "window_to"];

    private static IEnumerable<string> CreateSchema(string? schema) =>
        schema is null ? [] : [$"CREATE SCHEMA IF NOT EXISTS {Sql.Id(schema)}"];

    // Derived object names must stay within the 63-byte identifier limit.
    private static string Trim(string name) => name.Length > 40 ? name[..40] : name;
}
