// Runs retention of a seeded PostgreSQL table into a folder archive and kills its own process at a named fault point,
// so the kill test can prove a crash at that point loses no row.
// Usage: PolicyLang.Runtime.Postgres.FaultHost <dir> <fault-point|none> <batch> [<s3-endpoint> <bucket>]   (connection string in TEST_PG_CONNECTION)
// With an S3 endpoint the archive is an s3 store (credentials from the standard AWS chain); FAULTHOST_BATCH_SIZE overrides the batch size (5).
using System.Diagnostics;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Postgres;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Stores.Folder;
using PolicyLang.Runtime.Testing;

if (args.Length is not (3 or 5))
{
    Console.Error.WriteLine("usage: PolicyLang.Runtime.Postgres.FaultHost <dir> <fault-point|none> <batch> [<s3-endpoint> <bucket>]");
    return 64;
}
var (dir, point, batch) = (args[0], args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
var options = new RunOptions
{
    BaseDirectory = dir,
    Now = FaultPolicy.Now,
    BatchSize = int.Parse(Environment.GetEnvironmentVariable("FAULTHOST_BATCH_SIZE") ?? "5", System.Globalization.CultureInfo.InvariantCulture),
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
var report = await PolicyRunner.RunAsync(args.Length == 5 ? new FaultPolicy(args[3], args[4]) : new FaultPolicy(), options, CancellationToken.None);
foreach (var error in report.Retention.Select(r => r.Error).Concat(report.Errors).OfType<string>()) Console.Out.WriteLine($"ERROR {error}");
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

    public FaultPolicy() { }

    /// <summary>The S3 variant: archive to <paramref name="bucket"/> at <paramref name="endpoint"/> (as glacier-flexible-retrieval, SSE-S3).</summary>
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
            Stores = [Model.Stores[0], s3],
            Datasets = [Model.Datasets[0] with { Retention = Model.Datasets[0].Retention! with { ArchiveStore = "offsite" } }],
        };
    }

    public IReadOnlyList<PolicyTestCase> Tests => [];

    public void RegisterStores(StoreRegistry registry)
    {
        registry.Add(new PostgresStoreProvider());
        registry.Add(new FolderStoreProvider());
        registry.Add(new PolicyLang.Runtime.S3.S3StoreProvider());
    }
}
