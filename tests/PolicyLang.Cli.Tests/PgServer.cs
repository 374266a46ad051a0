using Npgsql;
using Xunit;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// A fresh database on the PostgreSQL test server (POLICYLANG_TEST_PG_URL, started by scripts/test.sh) for one test class, and
/// the roles it creates; both dropped afterwards. Without the variable every test using it fails, never passes silently.
/// </summary>
public sealed class PgServer : IAsyncLifetime
{
    private const string Variable = "POLICYLANG_TEST_PG_URL";
    private readonly List<string> roles = [];

    public string Database { get; } = "cli_" + Guid.NewGuid().ToString("N");

    /// <summary>The server's superuser connection string.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException($"{Variable} is not set: policyc's PostgreSQL tests need the server scripts/test.sh starts.");

    /// <summary>A connection string to this database as <paramref name="role"/> (the superuser by default; the test server trusts every login).</summary>
    public string ConnectionString(string? role = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(Server) { Database = Database, Pooling = false };
        if (role is not null)
        {
            builder.Username = role;
        }

        return builder.ConnectionString;
    }

    /// <summary>The superuser's <c>postgresql://</c> URL to this database with <paramref name="password"/> in it (ignored by trust auth; must never be printed).</summary>
    public string AdminUrl(string password)
    {
        var builder = new NpgsqlConnectionStringBuilder(Server);
        return $"postgresql://{builder.Username}:{password}@{builder.Host}:{builder.Port}/{Database}";
    }

    public async Task InitializeAsync()
    {
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Database}\"", admin);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)" }.Concat(roles.Select(r => $"DROP ROLE IF EXISTS \"{r}\"")))
        {
            await using var drop = new NpgsqlCommand(sql, admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Creates a login role unique to this run (roles are shared by the whole server); lower case, so a policy can name it.</summary>
    public async Task<string> CreateRoleAsync(string prefix)
    {
        var role = $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        roles.Add(role);
        await ExecAsync(null, $"CREATE ROLE \"{role}\" LOGIN");
        return role;
    }

    /// <summary>Runs <paramref name="statements"/> in this database as <paramref name="role"/> (the superuser when null).</summary>
    public async Task ExecAsync(string? role, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(role));
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
