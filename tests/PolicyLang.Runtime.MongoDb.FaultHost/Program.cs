// Runs retention of a seeded MongoDB collection into a folder archive and kills its own process at a named fault point,
// so the live kill test can prove a crash at that point loses no document.
// Usage: FaultHost <dir> <fault-point> <batch>; the URI is read from LAB_MONGO_URL (never an argument: it may hold credentials).
using System.Diagnostics;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.MongoDb;
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
            // SIGKILL: no finally blocks, no flush — what a crash looks like.
            Process.GetCurrentProcess().Kill();
        }
        return ValueTask.CompletedTask;
    },
};
var report = await PolicyRunner.RunAsync(new FaultPolicy(), options, CancellationToken.None);
Console.Out.WriteLine($"COMPLETED exit {report.ExitCode}");
return report.ExitCode;

/// <summary>The live tests' retention policy: events kept 30 days by <c>created</c>, archived to a folder as Parquet, then deleted.</summary>
internal sealed class FaultPolicy : IEnforcementPolicy
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SourceRef Src = new("test.gov", 1, 1);

    public PolicyModel Model { get; } = new("testpolicy", "Test policy",
        [
            new StoreModel("telemetry", "mongodb", new Dictionary<string, SettingValue>
            {
                ["connection"] = SettingValue.Env("LAB_MONGO_URL"),
                ["tls"] = SettingValue.Env("LAB_MONGO_TLS"),
            }),
            new StoreModel("archive", "folder", new Dictionary<string, SettingValue> { ["path"] = SettingValue.Of("archive") }),
        ],
        [
            new DatasetModel("events", "telemetry", LocationKind.Collection, "events", "_id", "internal", [], [],
                new RetentionModel(new Duration(30, DurationUnit.Day), "created", "archive", "parquet", "delete", [], Src), [], [], Src),
        ],
        new AuditModel("archive", "audit", null, true), []);

    public IReadOnlyList<PolicyTestCase> Tests => [];

    public void RegisterStores(StoreRegistry registry)
    {
        registry.Add(new MongoDbStoreProvider());
        registry.Add(new FolderStoreProvider());
    }
}
