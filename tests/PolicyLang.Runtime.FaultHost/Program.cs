// Runs retention of a seeded DuckDB file into a folder archive and kills its own process at a named fault point,
// so the kill test can prove a crash at that point loses no row. Usage: FaultHost <dir> <fault-point> <batch> [<s3-endpoint> <bucket>]
// With an S3 endpoint the archive is an s3 store (credentials from the standard AWS chain) and the audit trail a folder "files".
using System.Diagnostics;
using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.S3;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Stores.Folder;
using PolicyLang.Runtime.Testing;

if (args.Length is not (3 or 5))
{
    Console.Error.WriteLine("usage: FaultHost <dir> <fault-point> <batch> [<s3-endpoint> <bucket>]");
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
var policy = args.Length == 5 ? new FaultPolicy(args[3], args[4]) : new FaultPolicy();
var report = await PolicyRunner.RunAsync(policy, options, CancellationToken.None);
Console.Out.WriteLine($"COMPLETED exit {report.ExitCode}");
return report.ExitCode;

/// <summary>The same policy as the tests' RetentionSupport.Policy: events kept 30 days, archived to a folder as Parquet, then deleted.</summary>
internal sealed class FaultPolicy : IEnforcementPolicy
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SourceRef Src = new("test.gov", 1, 1);

    public FaultPolicy() { }

    /// <summary>The S3 variant: archive to <paramref name="bucket"/> at <paramref name="endpoint"/>, audit to the folder "files".</summary>
    public FaultPolicy(string endpoint, string bucket)
    {
        var s3 = new StoreModel("offsite", "s3", new Dictionary<string, SettingValue>
        {
            ["bucket"] = SettingValue.Of(bucket),
            ["endpoint"] = SettingValue.Of(endpoint),
            ["storage-class"] = SettingValue.Of("glacier-flexible-retrieval"),
            ["encryption"] = SettingValue.Of("aes256"),
        });
        Model = Model with
        {
            Stores = [Model.Stores[0], s3, new StoreModel("files", "folder", new Dictionary<string, SettingValue> { ["path"] = SettingValue.Of("files") })],
            Datasets = [Model.Datasets[0] with { Retention = Model.Datasets[0].Retention! with { ArchiveStore = "offsite" } }],
            Audit = new AuditModel("files", "audit", null, true),
        };
    }

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
        registry.Add(new S3StoreProvider());
    }
}
