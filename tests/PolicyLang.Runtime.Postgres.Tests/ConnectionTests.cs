using Npgsql;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

public sealed class ConnectionTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    [Fact]
    public async Task Sessions_run_without_jit_unless_the_connection_string_says_otherwise()
    {
        Assert.Equal("-c jit=off", PostgresConnection.Build("s", "Host=h", null).Options);
        Assert.Equal("-c search_path=lab -c jit=off", PostgresConnection.Build("s", "Host=h;Options=-c search_path=lab", null).Options);
        Assert.Equal("-c jit=on", PostgresConnection.Build("s", "Host=h;Options=-c jit=on", null).Options);

        await using var source = NpgsqlDataSource.Create(PostgresConnection.Build("s", db.ConnectionString, "preferred"));
        await using var command = source.CreateCommand("SHOW jit");
        Assert.Equal("off", await command.ExecuteScalarAsync());
    }

    [Fact]
    public void Urls_convert_and_tls_maps_to_ssl_modes()
    {
        var b = PostgresConnection.Build("s", "postgresql://al%40ice:p%3Ass@db.example.org:6543/research?sslmode=verify-full&application_name=lab", null);
        Assert.Equal(("db.example.org", 6543, "al@ice", "p:ss", "research", SslMode.VerifyFull, "lab"),
            (b.Host, b.Port, b.Username, b.Password, b.Database, b.SslMode, b.ApplicationName));
        Assert.Equal(SslMode.Require, PostgresConnection.Build("s", "Host=h;SSL Mode=Disable", "required").SslMode);
        Assert.Equal(SslMode.VerifyFull, PostgresConnection.Build("s", "postgres://h/d?sslmode=verify-full", "required").SslMode);
        Assert.Equal(SslMode.Prefer, PostgresConnection.Build("s", "Host=h", "preferred").SslMode);
        Assert.Equal(SslMode.Disable, PostgresConnection.Build("s", "Host=h;SSL Mode=Require", "disabled").SslMode);
        Assert.Equal("UTC", PostgresConnection.Build("s", "Host=h", null).Timezone);
    }

    [Theory]
    [InlineData("Host=h;Password=hunter2;Bogus Key=1")]
    [InlineData("postgresql://u:hunter2@h/d?sslcert=hunter2")]
    public void A_bad_connection_setting_never_echoes_its_text(string connection)
    {
        var ex = Assert.Throws<RunException>(() => PostgresConnection.Build("research", connection, null));
        Assert.DoesNotContain("hunter2", ex.Message);
        Assert.Contains("research", ex.Message);
    }

    [Fact]
    public void A_literal_connection_is_refused()
    {
        var store = new StoreModel("db", "postgres", new Dictionary<string, SettingValue> { ["connection"] = SettingValue.Of("Host=h;Password=hunter2") });
        var policy = M.PostgresPolicy([]) with { Stores = [store] };
        var ex = Assert.Throws<RunException>(() => new PostgresStoreProvider().Open(store, new StoreContext(policy, M.PostgresOptions("", "/"))));
        Assert.Contains("env(", ex.Message);
        Assert.DoesNotContain("hunter2", ex.Message);
    }

    [Fact]
    public async Task Tls_required_never_falls_back_to_plain_text()
    {
        // The test server has no certificate: a required-TLS run must fail to connect rather than talk in clear.
        await db.ExecAsync("CREATE TABLE t (id int)");
        var connection = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Password = "hunter2" }.ConnectionString;
        var policy = M.PostgresPolicy([M.Dataset("t", "t", "id", [M.Rule("id_nn", RuleKind.NotNull, "id")])], tls: "required");
        var report = await M.RunPostgresAsync(policy, M.PostgresOptions(connection, Path.GetTempPath()));
        var error = Assert.Single(report.Datasets.Single().Errors);
        Assert.Contains("SSL", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", report.ToJson());

        var plain = await M.RunPostgresAsync(M.PostgresPolicy(policy.Datasets, tls: "preferred"), M.PostgresOptions(connection, Path.GetTempPath()));
        Assert.Empty(plain.Datasets.Single().Errors);
    }
}
