using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>Grant and mask drift and <c>--apply</c> (<see cref="RunOptions.ApplyAccess"/>) through the runner, for datasets that declare no columns.</summary>
public sealed class RunnerAccessTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private static readonly AuditModel Audit = new("db", "governance.audit_log", null, true);

    /// <summary>A table with no columns declared: <c>reader</c> lacks SELECT, <c>writer</c> lacks write, <c>intruder</c> holds SELECT and UPDATE undeclared.</summary>
    private async Task<(DatasetModel Dataset, string Reader, string Writer, string Intruder)> SeedAsync(string table)
    {
        var (reader, writer, intruder) = (await db.CreateRoleAsync("reader"), await db.CreateRoleAsync("writer"), await db.CreateRoleAsync("intruder"));
        await db.ExecAsync($"CREATE TABLE {table} (id bigint PRIMARY KEY, email text, card text)",
            $"INSERT INTO {table} VALUES (1, 'a@x.org', '4111111111111111'), (2, NULL, '12')",
            $"GRANT SELECT, UPDATE ON {table} TO \"{intruder}\"");
        var dataset = M.Dataset(table, table, "id", [], masks: [new MaskModel("email", "redact"), new MaskModel("card", "last", 4)],
            grants: [new GrantModel("read", reader), new GrantModel("write", writer)]);
        return (dataset, reader, writer, intruder);
    }

    private RunOptions Options(bool apply, bool dryRun = false, string? connection = null)
    {
        var options = M.PostgresOptions(connection ?? db.ConnectionString, Path.GetTempPath());
        return new RunOptions { ApplyAccess = apply, DryRun = dryRun, Now = options.Now, Environment = options.Environment, BaseDirectory = options.BaseDirectory };
    }

    private Task<long> GrantsAsync(string role, string table) =>
        db.ScalarAsync($"SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = '{role}' AND table_name = '{table}'");

    private Task<long> ViewsAsync(string table) => db.ScalarAsync($"SELECT count(*) FROM pg_views WHERE viewname = '{table}_masked'");

    private static List<string> Drift(RunReport report) =>
        report.Datasets.Single().SchemaDrift.Select(f => $"{f.Column}|{f.Finding}|{f.Declared}|{f.Actual}").ToList();

    [Fact]
    public async Task Drift_is_reported_for_a_dataset_with_grants_and_masks_but_no_columns_or_rules()
    {
        var (dataset, reader, writer, intruder) = await SeedAsync("nocols_drift");
        var report = await M.RunPostgresAsync(M.PostgresPolicy([dataset]), Options(apply: false));

        Assert.Empty(report.Datasets.Single().Errors);
        Assert.Equal(
        [
            $"{reader}|grant|SELECT|not granted",
            $"{writer}|grant|DELETE|not granted", $"{writer}|grant|INSERT|not granted", $"{writer}|grant|UPDATE|not granted",
            $"{intruder}|grant|not granted|SELECT", $"{intruder}|grant|not granted|UPDATE",
            "nocols_drift_masked|mask|email redact, card last(4)|view missing",
        ], Drift(report));
        Assert.Empty(report.Access);
    }

    [Fact]
    public async Task Apply_fixes_grants_and_the_masked_view_before_the_checks_and_audits_it()
    {
        var (dataset, reader, writer, intruder) = await SeedAsync("nocols_apply");
        var report = await M.RunPostgresAsync(M.PostgresPolicy([dataset], Audit), Options(apply: true));

        Assert.Equal(0, report.ExitCode);
        var access = Assert.Single(report.Access);
        Assert.Equal((AccessStatus.Applied, 4, 2, "nocols_apply_masked"), (access.Status, access.Granted, access.Revoked, access.MaskedView));
        Assert.Equal(9, access.Statements.Count);
        Assert.Contains(access.Statements, s => s.StartsWith($"REVOKE UPDATE ON \"nocols_apply\" FROM \"{intruder}\"", StringComparison.Ordinal));
        Assert.Contains(access.Statements, s => s.StartsWith("CREATE VIEW", StringComparison.Ordinal));
        // The checks ran after access was applied: nothing is left to report.
        Assert.Empty(report.Datasets.Single().SchemaDrift);

        Assert.Equal((1L, 3L, 0L), (await GrantsAsync(reader, "nocols_apply"), await GrantsAsync(writer, "nocols_apply"), await GrantsAsync(intruder, "nocols_apply")));
        Assert.Equal(["1|***|************1111", "2||**"],
            (await db.QueryAsync("SELECT id, email, card FROM nocols_apply_masked ORDER BY id")).Select(r => string.Join("|", r)));

        var records = await PostgresEvents.AuditAsync(db);
        var applied = Assert.Single(records, r => r.Action == "access" && r.Dataset == "nocols_apply");
        Assert.Equal(("nocols_apply", 4L, 2L), (applied.Dataset, applied.Counts["granted"], applied.Counts["revoked"]));
        // The report's head is the trail's head, the store's access record included.
        Assert.Empty(AuditVerifier.Verify(records, report.AuditHead));
        var mine = records.Where(r => r.Dataset == "nocols_apply").Select(r => r.Action).ToList();
        Assert.Equal(["access", "check"], mine);

        var again = await M.RunPostgresAsync(M.PostgresPolicy([dataset], Audit), Options(apply: true));
        Assert.Equal(AccessStatus.Unchanged, Assert.Single(again.Access).Status);
        Assert.Empty(Assert.Single(again.Access).Statements);
    }

    [Fact]
    public async Task A_dry_run_with_apply_lists_the_statements_and_changes_nothing()
    {
        var (dataset, reader, writer, intruder) = await SeedAsync("nocols_dry");
        var report = await M.RunPostgresAsync(M.PostgresPolicy([dataset], Audit), Options(apply: true, dryRun: true));

        var access = Assert.Single(report.Access);
        Assert.Equal(AccessStatus.Planned, access.Status);
        Assert.Equal(9, access.Statements.Count);
        Assert.Contains($"GRANT SELECT ON \"nocols_dry\" TO \"{reader}\"", access.Statements);
        Assert.Contains($"REVOKE SELECT ON \"nocols_dry\" FROM \"{intruder}\"", access.Statements);
        Assert.Equal(7, Drift(report).Count);
        Assert.Equal((0L, 0L, 2L, 0L), (await GrantsAsync(reader, "nocols_dry"), await GrantsAsync(writer, "nocols_dry"), await GrantsAsync(intruder, "nocols_dry"), await ViewsAsync("nocols_dry")));
        var records = await PostgresEvents.AuditAsync(db);
        Assert.DoesNotContain(records, r => r.Action == "access" && r.Dataset == "nocols_dry");
        Assert.Contains(records, r => r.Action == "dry-run" && r.Dataset == "nocols_dry");
    }

    [Fact]
    public async Task A_failing_grant_rolls_back_every_change_and_fails_the_run()
    {
        var (dataset, _, _, intruder) = await SeedAsync("nocols_atomic");
        var broken = dataset with { Grants = [.. dataset.Grants, new GrantModel("read", "no_such_role_anywhere")] };
        var report = await M.RunPostgresAsync(M.PostgresPolicy([broken]), Options(apply: true));

        Assert.Equal(2, report.ExitCode);
        var access = Assert.Single(report.Access);
        Assert.Equal(AccessStatus.Error, access.Status);
        Assert.Contains("no_such_role_anywhere", access.Error, StringComparison.Ordinal);
        Assert.Contains(report.Datasets.Single().Errors, e => e.StartsWith("access: ", StringComparison.Ordinal));
        Assert.Equal((2L, 0L), (await GrantsAsync(intruder, "nocols_atomic"), await ViewsAsync("nocols_atomic")));
    }

    [Fact]
    public async Task A_role_that_may_not_grant_gets_an_error_not_a_report_of_changes_that_did_not_happen()
    {
        var (dataset, _, _, intruder) = await SeedAsync("nocols_notowner");
        var runner = await db.CreateRoleAsync("runner");
        // May read the table and create the view, but neither owns the table nor holds grant options: PostgreSQL only warns on its GRANT/REVOKE.
        await db.ExecAsync($"GRANT SELECT ON nocols_notowner TO \"{runner}\"", $"GRANT CREATE ON SCHEMA public TO \"{runner}\"");
        var declared = dataset with { Grants = [.. dataset.Grants, new GrantModel("read", runner)] };
        var report = await M.RunPostgresAsync(M.PostgresPolicy([declared]), Options(apply: true, connection: db.As(runner)));

        var access = Assert.Single(report.Access);
        Assert.Equal(AccessStatus.Error, access.Status);
        Assert.Contains("ignored", access.Error, StringComparison.Ordinal);
        Assert.Equal((2L, 0L), (await GrantsAsync(intruder, "nocols_notowner"), await ViewsAsync("nocols_notowner")));
    }

    [Fact]
    public async Task Masks_without_grants_leave_the_tables_grants_alone_and_other_stores_are_reported_as_not_applied()
    {
        var (dataset, _, _, intruder) = await SeedAsync("nocols_masks");
        var masksOnly = dataset with { Grants = [] };
        var elsewhere = new DatasetModel("exports", "archive", LocationKind.File, "exports.jsonl", null, "internal", [], [], null, [],
            [new GrantModel("read", intruder)], M.Src);
        using var dir = new TempDir();
        var options = Options(apply: true);
        var report = await M.RunPostgresAsync(M.PostgresPolicy([masksOnly, elsewhere]),
            new RunOptions { ApplyAccess = true, Now = options.Now, Environment = options.Environment, BaseDirectory = dir.Path });

        Assert.Equal(0, report.ExitCode);
        var applied = report.Access.Single(a => a.Dataset == "nocols_masks");
        Assert.Equal((AccessStatus.Applied, 0, 0, "nocols_masks_masked"), (applied.Status, applied.Granted, applied.Revoked, applied.MaskedView));
        Assert.Equal(2, await GrantsAsync(intruder, "nocols_masks"));
        var skipped = report.Access.Single(a => a.Dataset == "exports");
        Assert.Equal(AccessStatus.NotApplied, skipped.Status);
        Assert.Contains("store 'archive' (folder) cannot apply", skipped.Note, StringComparison.Ordinal);
        Assert.Empty(report.Datasets.Single(d => d.Dataset == "exports").Errors);

        var summary = new StringWriter();
        report.WriteSummary(summary);
        Assert.Contains("access exports: NOT applied: store 'archive' (folder)", summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("access nocols_masks: applied: granted 0, revoked 0, rebuilt masked view nocols_masks_masked", summary.ToString(), StringComparison.Ordinal);
    }
}
