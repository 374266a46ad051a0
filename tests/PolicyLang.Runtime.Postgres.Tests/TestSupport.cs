using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Stores.Folder;
using PolicyLang.Runtime.Testing;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>A hand-built policy standing in for a generated enforcement class, as the compiler emits it.</summary>
internal sealed class TestPolicy(PolicyModel model) : IEnforcementPolicy
{
    public PolicyModel Model { get; } = model;
    public IReadOnlyList<PolicyTestCase> Tests => [];

    public void RegisterStores(StoreRegistry registry)
    {
        registry.Add(new global::PolicyLang.Runtime.Postgres.PostgresStoreProvider());
        registry.Add(new FolderStoreProvider());
    }
}

internal static class M
{
    public const string ConnectionVariable = "TEST_PG_CONNECTION";
    public static readonly SourceRef Src = new("test.gov", 1, 1);
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static RuleModel Rule(string name, RuleKind kind, string? column, params object?[] args) =>
        new(name, kind, column, args, false, Severity.Error, null, [], Src);

    public static DatasetModel Dataset(string name, string table, string? key, IReadOnlyList<RuleModel> rules,
        RetentionModel? retention = null, IReadOnlyList<MaskModel>? masks = null, IReadOnlyList<ColumnModel>? columns = null,
        IReadOnlyList<GrantModel>? grants = null) =>
        new(name, "db", LocationKind.Table, table, key, "internal", columns ?? [], rules, retention, masks ?? [], grants ?? [], Src);

    public static PolicyModel Policy(IReadOnlyList<DatasetModel> datasets, AuditModel? audit = null, string? tls = null)
    {
        var settings = new Dictionary<string, SettingValue> { ["connection"] = SettingValue.Env(ConnectionVariable) };
        if (tls is not null) settings["tls"] = SettingValue.Of(tls);
        return new("testpolicy", "Test policy",
            [new StoreModel("db", "postgres", settings), new StoreModel("archive", "folder", new Dictionary<string, SettingValue> { ["path"] = SettingValue.Of("archive") })],
            datasets, audit, []);
    }

    public static RunOptions Options(string connection, string baseDirectory, int batchSize = 10_000) => new()
    {
        BaseDirectory = baseDirectory,
        Now = Now,
        BatchSize = batchSize,
        Environment = name => name == ConnectionVariable ? connection : null,
    };

    public static Task<RunReport> RunAsync(PolicyModel policy, RunOptions options) =>
        PolicyRunner.RunAsync(new TestPolicy(policy), options, CancellationToken.None);

    /// <summary>Opens the postgres store of <paramref name="policy"/> the way the runner does.</summary>
    public static PostgresStore Open(PolicyModel policy, string connection) =>
        (PostgresStore)new PostgresStoreProvider().Open(policy.Stores[0], new StoreContext(policy, Options(connection, Path.GetTempPath())));
}

/// <summary>A temp folder for archives; deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pl-pg-" + Guid.NewGuid().ToString("N"));
    public string Archive => System.IO.Path.Combine(Path, "archive");

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
