// Runs retention of a seeded DuckDB file into a folder archive and kills its own process at a named fault point,
// so the kill test can prove a crash at that point loses no row. Usage: FaultHost <dir> <fault-point> <batch>
using System.Diagnostics;
using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Stores.Folder;
using PolicyLang.Runtime.Testing;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: FaultHost <dir> <fault-point> <batch>");
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
            // SIGKILL: no finally blocks, no rollback, no flush — what a crash looks like.
            Process.GetCurrentProcess().Kill();
        }
        return ValueTask.CompletedTask;
    },
};
var report = await PolicyRunner.RunAsync(new FaultPolicy(), options, CancellationToken.None);
Console.Out.WriteLine($"COMPLETED exit {report.ExitCode}");
return report.ExitCode;

/// <summary>The same policy as the tests' RetentionSupport.Policy: events kept 30 days, archived to a folder as Parquet, then deleted.</summary>
internal sealed class FaultPolicy : IEnforcementPolicy
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SourceRef Src = new("test.gov", 1, 1);

    public PolicyModel Model { get; } = new("testpolicy", "Test policy",
        [
            new StoreModel("db", "duckdb", new Dictionary<string, SettingValue> { ["file"] = SettingValue.Of("data.duckdb") }),
            new StoreModel("archive", "folder", new Dictionary<string, SettingValue> { ["path"] = SettingValue.Of("archive") }),
        ],
        [
            new DatasetModel("events", "db", LocationKind.Table, "events", "id", "internal", [], [],
                new RetentionModel(new Duration(30, DurationUnit.Day), "created", "archive", "parquet", "delete", [], Src), [], [], Src),
        ],
        new AuditModel("archive", "audit", null, true), []);

    public IReadOnlyList<PolicyTestCase> Tests => [];

    public void RegisterStores(StoreRegistry registry)
    {
        registry.Add(new DuckDbStoreProvider());
        registry.Add(new FolderStoreProvider());
    }
}
