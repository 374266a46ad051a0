using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>Names and values from a policy never change a statement: proven against the live server with a canary table.</summary>
public sealed class HostileDatabase : PgDatabase
{
    public const string Table = "we\"ird; DROP TABLE canary; --";
    public const string Column = "co\"l'; DROP TABLE canary; --";

    protected override Task SeedAsync() => ExecAsync(
        "CREATE TABLE canary (id int)",
        "CREATE SCHEMA \"s'; DROP TABLE canary; --\"",
        $"CREATE TABLE \"s'; DROP TABLE canary; --\".{Quote(Table)} (id bigint PRIMARY KEY, {Quote(Column)} text)",
        $"INSERT INTO \"s'; DROP TABLE canary; --\".{Quote(Table)} VALUES (1, '''; DROP TABLE canary; --'), (2, 'plain'), (3, NULL), (4, 'x\"y')");

    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

public sealed class HostileInputTests(HostileDatabase db) : IClassFixture<HostileDatabase>
{
    private const string Location = "s'; DROP TABLE canary; --." + HostileDatabase.Table;

    private Task<RunReport> RunAsync(params RuleModel[] rules) =>
        M.RunPostgresAsync(M.PostgresPolicy([M.Dataset("weird", Location, "id", rules)]), M.PostgresOptions(db.ConnectionString, Path.GetTempPath()));

    [Fact]
    public async Task Hostile_identifiers_and_values_are_quoted_or_bound()
    {
        var report = await RunAsync(
            M.Rule("in_list", RuleKind.In, HostileDatabase.Column, "'; DROP TABLE canary; --", "plain"),
            M.Rule("matches", RuleKind.Matches, HostileDatabase.Column, "^[a-z]+$") with { OrNull = true },
            M.Rule("compare", RuleKind.Compare, HostileDatabase.Column, "x\"y") with { Operator = CompareOperator.NotEqual, OrNull = true },
            M.Rule("unique", RuleKind.Unique, HostileDatabase.Column),
            M.Rule("not_null", RuleKind.NotNull, HostileDatabase.Column));
        Assert.Empty(report.Datasets.SelectMany(d => d.Errors));
        Assert.Equal(["in_list:2", "matches:2", "compare:1", "unique:0", "not_null:1"], report.Rules.Select(r => $"{r.Rule}:{r.Violations}"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM canary"));
    }

    [Fact]
    public async Task A_name_postgres_would_truncate_is_refused()
    {
        var report = await RunAsync(M.Rule("long", RuleKind.NotNull, new string('c', 64)));
        Assert.Contains("63-byte", Assert.Single(report.Datasets.Single().Errors));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM canary"));
    }

    [Fact]
    public async Task A_hostile_role_in_a_grant_is_a_quoted_name_and_nothing_is_applied()
    {
        var dataset = M.Dataset("weird", Location, "id", [], grants: [new GrantModel("read", "x\"; DROP TABLE canary; --")]);
        await using var store = M.OpenPostgres(M.PostgresPolicy([dataset]), db.ConnectionString);
        var diff = await PostgresAccess.DiffAsync(store, dataset, CancellationToken.None);
        Assert.Equal("GRANT SELECT ON \"s'; DROP TABLE canary; --\".\"we\"\"ird; DROP TABLE canary; --\" TO \"x\"\"; DROP TABLE canary; --\"", Assert.Single(diff).Sql);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => PostgresAccess.ApplyAsync(store, dataset, null, CancellationToken.None));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM canary"));
    }
}
