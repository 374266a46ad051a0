// Runs retention of a seeded PostgreSQL table into a folder archive and kills its own process at a named fault point,
// so the kill test can prove a crash at that point loses no row.
// Usage: PolicyLang.Runtime.Postgres.FaultHost <dir> <fault-point> <batch>   (connection string in TEST_PG_CONNECTION)
using System.Diagnostics;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Postgres;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Stores.Folder;
using PolicyLang.Runtime.Testing;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: PolicyLang.Runtime.Postgres.FaultHost <dir> <fault-point> <batch>");
    return 64;
}
var (dir, point, batch) = (args[0], args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
var options = new RunOptions
{
    BaseDirectory = dir,
    Now = FaultPolicy.Now,
    BatchSize = 5,
    Checks = false,
    FaultInjection = p =>
    {
        if (p.Name == point && p.Batch == batch)
        {
            Console.Out.WriteLine($"FAULT {p.Name} {p.Batch}");
            Console.Out.Flush();
            // SIGKILL: no finally blocks, no rollback, no unlock — what a crash looks like. The server sees the socket close.
            Process.GetCurrentProcess().Kill();
        }
        return ValueTask.CompletedTask;
    },
};
var report = await PolicyRunner.RunAsync(new FaultPolicy(), options, CancellationToken.None);
Console.Out.WriteLine($"COMPLETED exit {report.ExitCode}");
return report.ExitCode;

/// <summary>Events kept 30 days, archived to a folder as Parquet, then deleted; audit in governance.audit_log, hash-chained.</summary>
internal sealed class FaultPolicy : IEnforcementPolicy
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SourceRef Src = new("test.gov", 1, 1);

    public PolicyModel Model { get; } = new("testpolicy", "Test policy",
        [
            new StoreModel("db", "postgres", new Dictionary<string, SettingValue> { ["connection"] = SettingValue.Env("TEST_PG_CONNECTION") }),
            new StoreModel("archive", "folder", new Dictionary<string, SettingValue> { ["path"] = SettingValue.Of("archive") }),
        ],
        [
            new DatasetModel("events", "db", LocationKind.Table, "events", "id", "internal", [], [],
                new RetentionModel(new Duration(30, DurationUnit.Day), "created", "archive", "parquet", "delete", [], Src), [], [], Src),
        ],
        new AuditModel("db", "governance.audit_log", null, true), []);

    public IReadOnlyList<PolicyTestCase> Tests => [];

    public void RegisterStores(StoreRegistry registry)
    {
        registry.Add(new PostgresStoreProvider());
        registry.Add(new FolderStoreProvider());
    }
}
