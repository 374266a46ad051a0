using Npgsql;
using Xunit;

namespace PolicyLang.Testing;

/// <summary>
/// A fresh database on the test server for one test class (<c>CREATE DATABASE t_&lt;guid&gt;</c>), dropped afterwards, so classes
/// run in parallel without shared state. The server comes from POLICYLANG_TEST_PG_URL; without it every test fails.
/// </summary>
public class PgDatabase : IAsyncLifetime
{
    public const string Variable = "POLICYLANG_TEST_PG_URL";

    public string Name { get; } = "t_" + Guid.NewGuid().ToString("N");

    /// <summary>A superuser connection string to this database.</summary>
    public string ConnectionString { get; private set; } = "";

    public static string Server =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException(
                $"{Variable} is not set: the postgres store's tests need a PostgreSQL server. Run scripts/test.sh (it starts one), " +
                "or source scripts/services.sh and call services_start first.");

    public async Task InitializeAsync()
    {
        var server = Server;
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name, Pooling = false }.ConnectionString;
        await SeedAsync();
    }

    /// <summary>Tables a test class shares (its tests only read them, or each uses its own).</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        // Roles are cluster-wide: drop the ones this class made, after the database that held their privileges.
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)" }.Concat(roles.Select(r => $"DROP ROLE IF EXISTS \"{r}\"")))
        {
            await using var drop = new NpgsqlCommand(sql, admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private readonly List<string> roles = [];

    /// <summary>Creates a login role unique to this class (roles are shared by every database of the server).</summary>
    public async Task<string> CreateRoleAsync(string prefix)
    {
        var role = $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        roles.Add(role);
        await ExecAsync($"CREATE ROLE \"{role}\" LOGIN");
        return role;
    }

    public async Task ExecAsync(params string[] statements)
    {
        await using var c = await OpenAsync();
        foreach (var sql in statements)
        {
            await using var cmd = new NpgsqlCommand(sql, c);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var c = await OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await r.ReadAsync())
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++)
            {
                row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async Task<long> ScalarAsync(string sql) => Convert.ToInt64((await QueryAsync(sql))[0][0], System.Globalization.CultureInfo.InvariantCulture);

    public async Task<NpgsqlConnection> OpenAsync(string? as_ = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        if (as_ is not null)
        {
            builder.Username = as_;
        }

        var c = new NpgsqlConnection(builder.ConnectionString);
        await c.OpenAsync();
        return c;
    }

    /// <summary>The superuser's <c>postgresql://</c> URL to this database with <paramref name="password"/> in it (ignored by trust auth; must never be printed).</summary>
    public string AdminUrl(string password)
    {
        var builder = new NpgsqlConnectionStringBuilder(Server);
        return $"postgresql://{builder.Username}:{password}@{builder.Host}:{builder.Port}/{Name}";
    }

    /// <summary>The connection string of <paramref name="role"/> (a login role with trust auth on the test server).</summary>
    public string As(string role) => new NpgsqlConnectionStringBuilder(ConnectionString) { Username = role }.ConnectionString;
}
