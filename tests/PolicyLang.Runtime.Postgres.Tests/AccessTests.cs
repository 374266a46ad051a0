using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

public sealed class AccessTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private async Task<(DatasetModel Dataset, string Reader, string Writer, string Intruder)> SeedAsync(string table)
    {
        var (reader, writer, intruder) = (await db.CreateRoleAsync("reader"), await db.CreateRoleAsync("writer"), await db.CreateRoleAsync("intruder"));
        await db.ExecAsync($"CREATE TABLE {table} (id bigint PRIMARY KEY, email text, card text, age integer)",
            $"INSERT INTO {table} VALUES (1, 'a@x.org', '4111111111111111', 30), (2, NULL, '12', 40)",
            $"GRANT SELECT, UPDATE ON {table} TO \"{intruder}\"", $"GRANT SELECT ON {table} TO \"{reader}\"");
        var dataset = M.Dataset(table, table, "id", [], masks: [new MaskModel("email", "sha256"), new MaskModel("card", "last", 4), new MaskModel("age", "redact")],
            grants: [new GrantModel("read", reader), new GrantModel("write", writer)]);
        return (dataset, reader, writer, intruder);
    }

    [Fact]
    public async Task Grant_and_mask_drift_are_findings_of_the_dataset()
    {
        var (dataset, _, writer, intruder) = await SeedAsync("drift_people");
        // With declared columns, grant and mask findings follow the column findings (RunnerAccessTests: a dataset without columns).
        dataset = dataset with { Columns = [new ColumnModel("id", "bigint", true, false)] };
        var report = await M.RunPostgresAsync(M.PostgresPolicy([dataset]), M.PostgresOptions(db.ConnectionString, Path.GetTempPath()));
        var findings = report.Datasets.Single().SchemaDrift.Select(f => $"{f.Column}|{f.Finding}|{f.Declared}|{f.Actual}").ToList();
        Assert.Equal(
        [
            $"{writer}|grant|DELETE|not granted", $"{writer}|grant|INSERT|not granted", $"{writer}|grant|UPDATE|not granted",
            $"{intruder}|grant|not granted|SELECT", $"{intruder}|grant|not granted|UPDATE",
            "drift_people_masked|mask|email sha256, card last(4), age redact|view missing",
        ], findings);
    }

    [Fact]
    public async Task Apply_fixes_grants_and_builds_the_masked_view_in_one_audited_transaction()
    {
        var (dataset, reader, writer, intruder) = await SeedAsync("apply_people");
        var policy = M.PostgresPolicy([dataset], new AuditModel("db", "governance.audit_log", null, true));
        await using var store = M.OpenPostgres(policy, db.ConnectionString);
        await using var audit = await store.OpenAuditAsync(policy.Audit!, policy.Name, CancellationToken.None);
        var result = await PostgresAccess.ApplyAsync(store, dataset, audit, CancellationToken.None);
        Assert.Equal(5, result.Changes.Count);
        Assert.Equal("apply_people_masked", result.MaskedView);
        Assert.Empty(await PostgresAccess.DiffAsync(store, dataset, CancellationToken.None));
        Assert.Empty(await store.CheckSchemaAsync(dataset, CancellationToken.None));

        var record = (await audit.ReadAllAsync(CancellationToken.None)).Last();
        Assert.Equal(("access", 3L, 2L), (record.Action, record.Counts["granted"], record.Counts["revoked"]));
        Assert.Contains($"revoke UPDATE {intruder}", record.Details);

        // The view shows exactly what the runner's masks show.
        var rows = await db.QueryAsync("SELECT id, email, card, age FROM apply_people_masked ORDER BY id");
        Assert.Equal(new object?[] { 1L, Masking.Apply(dataset.Masks[0], "a@x.org"), "************1111", "***" }, rows[0]);
        Assert.Equal(new object?[] { 2L, null, "**", "***" }, rows[1]);
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = '{reader}' AND table_name = 'apply_people'"));
        Assert.Equal(3, await db.ScalarAsync($"SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = '{writer}' AND table_name = 'apply_people'"));

        // Changing a mask is drift again.
        var changed = dataset with { Masks = [new MaskModel("email", "redact")] };
        Assert.Equal("view outdated", Assert.Single(await store.CheckSchemaAsync(changed, CancellationToken.None)).Actual);
    }

    [Fact]
    public async Task A_failing_statement_rolls_every_change_back()
    {
        var (dataset, _, _, intruder) = await SeedAsync("atomic_people");
        var broken = dataset with { Grants = [.. dataset.Grants, new GrantModel("read", "no_such_role_anywhere")] };
        await using var store = M.OpenPostgres(M.PostgresPolicy([broken]), db.ConnectionString);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => PostgresAccess.ApplyAsync(store, broken, null, CancellationToken.None));
        Assert.Equal(2, await db.ScalarAsync($"SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = '{intruder}' AND table_name = 'atomic_people'"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM pg_views WHERE viewname = 'atomic_people_masked'"));
    }
}
