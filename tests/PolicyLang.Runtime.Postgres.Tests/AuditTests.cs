using Npgsql;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

public sealed class AuditTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    [Fact]
    public async Task After_init_db_the_runner_appends_but_cannot_update_delete_or_truncate()
    {
        var runner = await db.CreateRoleAsync("runner");
        await using (var admin = NpgsqlDataSource.Create(db.ConnectionString))
        {
            await PostgresSetup.InitAsync(admin, runner);
        }

        await db.ExecAsync("CREATE TABLE readings (id bigint PRIMARY KEY, v integer)", "INSERT INTO readings VALUES (1, 5), (2, NULL)",
            $"GRANT SELECT ON readings TO \"{runner}\"");
        var policy = M.PostgresPolicy([M.Dataset("readings", "readings", "id", [M.Rule("v_not_null", RuleKind.NotNull, "v")])],
            new AuditModel("db", "governance.audit_log", null, true));
        var report = await M.RunPostgresAsync(policy, M.PostgresOptions(db.As(runner), Path.GetTempPath()));
        Assert.Empty(report.Errors);
        Assert.Empty(report.Datasets.SelectMany(d => d.Errors));
        Assert.NotNull(report.AuditHead);

        await using var connection = await db.OpenAsync(runner);
        foreach (var sql in new[] { "UPDATE governance.audit_log SET details = 'x'", "DELETE FROM governance.audit_log", "TRUNCATE governance.audit_log" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var ex = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
        }
        // The owner is refused too, by the trigger.
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecAsync("DELETE FROM governance.audit_log"));

        // The results history got one row per rule of the run.
        Assert.Equal(["readings|v_not_null|failed|1|2"], (await db.QueryAsync("SELECT dataset, rule, status, violations, total FROM governance.check_results"))
            .Select(r => string.Join("|", r)));
        Assert.Empty(AuditVerifier.Verify(await PostgresEvents.AuditAsync(db, db.As(runner)), report.AuditHead));

        // A dry run changes nothing, the results history included.
        var options = M.PostgresOptions(db.As(runner), Path.GetTempPath());
        await M.RunPostgresAsync(policy, new Running.RunOptions { DryRun = true, Now = M.Now, Environment = options.Environment, BaseDirectory = options.BaseDirectory });
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM governance.check_results"));
    }

    [Fact]
    public async Task An_edit_made_behind_the_runners_back_breaks_the_chain()
    {
        var policy = M.PostgresPolicy([], new AuditModel("db", "governance.audit_log", null, true));
        await using (var store = M.OpenPostgres(policy, db.ConnectionString))
        await using (var sink = await store.OpenAuditAsync(policy.Audit!, "tampered", CancellationToken.None))
        {
            for (var i = 0; i < 3; i++)
            {
                await sink.AppendAsync(new AuditEntry("check", "d", $"entry {i}", new Dictionary<string, long> { ["rows"] = i }), M.Now, CancellationToken.None);
            }
        }
        // Only a superuser who disables the trigger can edit; the hash chain still shows it.
        await db.ExecAsync("ALTER TABLE governance.audit_log DISABLE TRIGGER USER",
            "UPDATE governance.audit_log SET details = 'entry one' WHERE policy = 'tampered' AND sequence = 2",
            "ALTER TABLE governance.audit_log ENABLE TRIGGER USER");
        await using var reread = M.OpenPostgres(policy, db.ConnectionString);
        await using var check = await reread.OpenAuditAsync(policy.Audit!, "tampered", CancellationToken.None);
        var problems = AuditVerifier.Verify(await check.ReadAllAsync(CancellationToken.None));
        Assert.Contains(problems, p => p.Sequence == 2);
    }

    [Fact]
    public async Task Concurrent_appenders_keep_one_unbroken_chain()
    {
        var policy = M.PostgresPolicy([], new AuditModel("db", "governance.audit_log", null, true));
        async Task AppendMany(int writer)
        {
            await using var store = M.OpenPostgres(policy, db.ConnectionString);
            await using var sink = await store.OpenAuditAsync(policy.Audit!, "busy", CancellationToken.None);
            for (var i = 0; i < 20; i++)
            {
                await sink.AppendAsync(new AuditEntry("check", null, $"writer {writer} entry {i}", new Dictionary<string, long>()), DateTimeOffset.UtcNow, CancellationToken.None);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(AppendMany));
        await using var reader = M.OpenPostgres(policy, db.ConnectionString);
        await using var sink = await reader.OpenAuditAsync(policy.Audit!, "busy", CancellationToken.None);
        var records = await sink.ReadAllAsync(CancellationToken.None);
        Assert.Equal(80, records.Count);
        Assert.Empty(AuditVerifier.Verify(records));
    }
}
