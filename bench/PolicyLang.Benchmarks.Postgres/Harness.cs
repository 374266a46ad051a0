using System.Diagnostics;
using System.Globalization;
using Npgsql;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Postgres;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Testing;

namespace PolicyLang.Benchmarks.Postgres;

/// <summary>Timing, SQL and table helpers shared by the benchmarks.</summary>
internal static class Harness
{
    public const string Variable = "BENCH_PG_CONNECTION";
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly SourceRef Src = new("bench.gov", 1, 1);

    public static async Task ExecAsync(string connection, string sql)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand(sql, c);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Median wall time of <paramref name="runs"/> runs (after the caller's warm-up).</summary>
    public static async Task<double> MedianSecondsAsync(Func<Task> work, int runs = 3)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed.TotalSeconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    public static PolicyModel Policy(IReadOnlyList<DatasetModel> datasets, AuditModel? audit) => new("bench", "Benchmark",
        [
            new StoreModel("db", "postgres", new Dictionary<string, SettingValue> { ["connection"] = SettingValue.Env(Variable) }),
            new StoreModel("archive", "folder", new Dictionary<string, SettingValue> { ["path"] = SettingValue.Of("archive") }),
        ], datasets, audit, []);

    public static RunOptions Options(string connection, string baseDirectory) => new()
    {
        BaseDirectory = baseDirectory,
        Now = Now,
        Environment = name => name == Variable ? connection : null,
    };

    public static PostgresStore Open(PolicyModel policy, string connection) =>
        (PostgresStore)new PostgresStoreProvider().Open(policy.Stores[0], new StoreContext(policy, Options(connection, Path.GetTempPath())));

    public static string F(double value, string format = "0.000") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Rate(long rows, double seconds) => (rows / seconds).ToString("#,0", CultureInfo.InvariantCulture);
}

/// <summary>A policy object as generated code would hand it to the runner.</summary>
internal sealed class BenchPolicy(PolicyModel model) : IEnforcementPolicy
{
    public PolicyModel Model { get; } = model;
    public IReadOnlyList<PolicyTestCase> Tests => [];

    public void RegisterStores(StoreRegistry registry)
    {
        // The timed providers wrap the real stores and only add up the wall time of each retention step.
        registry.Add(new TimedPostgresProvider());
        registry.Add(new TimedFolderProvider());
    }
}
