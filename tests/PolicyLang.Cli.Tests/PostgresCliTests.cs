using Npgsql;
using PolicyLang.Runtime.Reporting;
using Xunit;
using PolicyLang.Testing;

namespace PolicyLang.Cli.Tests;

/// <summary>`policyc init-db` and `policyc run --apply` as processes against the PostgreSQL test server.</summary>
public sealed class PostgresCliTests(PgDatabase pg) : IClassFixture<PgDatabase>, IDisposable
{
    private const string ConnectionVariable = "PL_CLI_PG";
    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    /// <summary>A policy with one postgres dataset (grants and a mask, no columns or rules) and its audit trail in the same store.</summary>
    private void WritePolicy(string reader, string writer) => scratch.File("access.gov", $$"""
        policy "Access from the command line" {
          version "1"
          owner   "ops"
          review  every 90 days
        }
        classification public < internal
        role {{reader}} "Readers"
        role {{writer}} "Writers"
        store db      postgres { connection env("{{ConnectionVariable}}") }
        store archive folder   { path "archive" }
        dataset orders in db table "app.orders" {
          owner "ops" classification internal
          key id
          mask card with last(4)
          grant read  to {{reader}}
          grant write to {{writer}}
        }
        audit { store db table "gov.audit_trail" tamper-evident }
        """);

    private Result Policyc(string? connection, params string[] args) =>
        Tests.Policyc.RunWith(new Dictionary<string, string?> { [ConnectionVariable] = connection }, scratch.Path, scratch.Cache, args);

    [Fact]
    public void Init_db_print_writes_the_setup_sql_without_connecting()
    {
        WritePolicy("reader_role", "writer_role");
        var result = Policyc(null, "init-db", ".", "--runner-role", "policy_runner", "--print");

        Assert.True(result.ExitCode == 0, result.ToString());
        // The policy's audit table, because its audit block is in this store; the results history at its default place.
        Assert.Contains("CREATE TABLE IF NOT EXISTS \"gov\".\"audit_trail\" (", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE IF NOT EXISTS \"governance\".\"check_results\" (", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("REVOKE ALL ON \"gov\".\"audit_trail\" FROM PUBLIC, \"policy_runner\";", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("GRANT SELECT, INSERT ON \"gov\".\"audit_trail\" TO \"policy_runner\";", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("BEFORE UPDATE OR DELETE ON \"gov\".\"audit_trail\"", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("GRANT UPDATE", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("DELETE ON \"gov\".\"audit_trail\" TO", result.Stdout, StringComparison.Ordinal);

        var folder = Policyc(null, "init-db", ".", "--store", "archive", "--runner-role", "policy_runner", "--print");
        Assert.True(folder.ExitCode == 2, folder.ToString());
        Assert.Contains("store 'archive' is a folder store: init-db sets up postgres stores only", folder.Stderr, StringComparison.Ordinal);
        var noRole = Policyc(null, "init-db", ".", "--print");
        Assert.True(noRole.ExitCode == 2, noRole.ToString());
        var noConnection = Policyc(null, "init-db", ".", "--runner-role", "policy_runner");
        Assert.True(noConnection.ExitCode == 2, noConnection.ToString());
        Assert.Contains($"environment variable '{ConnectionVariable}'", noConnection.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_db_makes_the_audit_log_append_only_for_the_runner_role()
    {
        var (runner, reader, writer) = (await pg.CreateRoleAsync("runner"), await pg.CreateRoleAsync("reader"), await pg.CreateRoleAsync("writer"));
        await pg.ExecAsync("CREATE SCHEMA IF NOT EXISTS app", "CREATE TABLE app.orders (id bigint PRIMARY KEY, card text)", "INSERT INTO app.orders VALUES (1, '4111111111111111')",
            $"GRANT USAGE ON SCHEMA app TO \"{runner}\"", $"GRANT SELECT ON app.orders TO \"{runner}\"");
        WritePolicy(reader, writer);
        const string password = "hunter2-never-printed";
        var environment = new Dictionary<string, string?> { [ConnectionVariable] = pg.As(runner), ["PL_CLI_PG_ADMIN"] = pg.AdminUrl(password) };

        var init = Tests.Policyc.RunWith(environment, scratch.Path, scratch.Cache, "init-db", ".", "--runner-role", runner, "--admin-env", "PL_CLI_PG_ADMIN");
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.DoesNotContain(password, init.Stdout + init.Stderr, StringComparison.Ordinal);
        // Setting up again is harmless (everything is created if missing, privileges are reset to append-only).
        Assert.Equal(0, Tests.Policyc.RunWith(environment, scratch.Path, scratch.Cache, "init-db", ".", "--runner-role", runner, "--admin-env", "PL_CLI_PG_ADMIN").ExitCode);

        // A run as the runner role appends to the audit log it could not have created itself.
        var run = Policyc(pg.As(runner), "run", ".", "--json", "report.json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var records = await pg.ScalarAsync("SELECT count(*) FROM gov.audit_trail");
        Assert.True(records > 0);

        await using var connection = new NpgsqlConnection(pg.As(runner));
        await connection.OpenAsync();
        foreach (var sql in new[] { "DELETE FROM gov.audit_trail", "UPDATE gov.audit_trail SET details = 'edited'", "TRUNCATE gov.audit_trail" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        Assert.Equal(records, await pg.ScalarAsync("SELECT count(*) FROM gov.audit_trail"));
        var verify = Policyc(pg.As(runner), "audit", "verify", ".");
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public async Task Run_apply_brings_grants_and_the_masked_view_in_line_and_a_dry_run_changes_nothing()
    {
        var (reader, writer, intruder) = (await pg.CreateRoleAsync("reader"), await pg.CreateRoleAsync("writer"), await pg.CreateRoleAsync("intruder"));
        await pg.ExecAsync("CREATE SCHEMA IF NOT EXISTS app", "CREATE TABLE app.orders_apply (id bigint PRIMARY KEY, card text)",
            "INSERT INTO app.orders_apply VALUES (1, '4111111111111111')", $"GRANT SELECT, UPDATE ON app.orders_apply TO \"{intruder}\"");
        WritePolicy(reader, writer);
        File.WriteAllText(Path.Combine(scratch.Path, "access.gov"), File.ReadAllText(Path.Combine(scratch.Path, "access.gov")).Replace("\"app.orders\"", "\"app.orders_apply\"", StringComparison.Ordinal));
        var owner = pg.ConnectionString;
        var grantsOf = (string role) => pg.ScalarAsync($"SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = '{role}' AND table_name = 'orders_apply'");

        var dry = Policyc(owner, "run", ".", "--apply", "--dry-run", "--json", "dry.json");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        var planned = Assert.Single(RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "dry.json"))).Access);
        Assert.Equal((AccessStatus.Planned, 9), (planned.Status, planned.Statements.Count));
        Assert.Contains($"REVOKE UPDATE ON \"app\".\"orders_apply\" FROM \"{intruder}\"", planned.Statements);
        Assert.Contains("access orders: would run 9 statements (dry run)", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains($"    GRANT SELECT ON \"app\".\"orders_apply\" TO \"{reader}\"", dry.Stdout, StringComparison.Ordinal);
        Assert.Equal((2L, 0L, 0L), (await grantsOf(intruder), await grantsOf(reader), await pg.ScalarAsync("SELECT count(*) FROM pg_views WHERE viewname = 'orders_apply_masked'")));

        var apply = Policyc(owner, "run", ".", "--apply", "--json", "applied.json");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("access orders: applied: granted 4, revoked 2, rebuilt masked view orders_apply_masked", apply.Stdout, StringComparison.Ordinal);
        var report = RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "applied.json")));
        Assert.Equal(AccessStatus.Applied, Assert.Single(report.Access).Status);
        Assert.Empty(report.Datasets.Single().SchemaDrift);
        Assert.Equal((0L, 1L, 3L), (await grantsOf(intruder), await grantsOf(reader), await grantsOf(writer)));
        Assert.Equal(1, await pg.ScalarAsync("SELECT count(*) FROM app.orders_apply_masked WHERE card = '************1111'"));
        Assert.Equal(1, await pg.ScalarAsync("SELECT count(*) FROM gov.audit_trail WHERE action = 'access' AND dataset = 'orders'"));

        // Without --apply, drift comes back as a finding and nothing is changed.
        await pg.ExecAsync($"GRANT DELETE ON app.orders_apply TO \"{intruder}\"");
        var check = Policyc(owner, "run", ".");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains($"schema: column '{intruder}' grant: declared not granted, actual DELETE", check.Stdout, StringComparison.Ordinal);
        Assert.Equal(1L, await grantsOf(intruder));
    }
}
