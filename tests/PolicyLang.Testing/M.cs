using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Postgres;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Testing;

/// <summary>
/// Model builders: hand-built policies standing in for what the compiler emits. Every store test builds its models here,
/// with the store named <c>db</c> (duckdb or postgres) or <c>telemetry</c> (mongodb) and a folder store <c>archive</c>.
/// </summary>
internal static class M
{
    /// <summary>The variable the postgres store's <c>connection</c> setting names.</summary>
    public const string PostgresVariable = "TEST_PG_CONNECTION";

    public static readonly SourceRef Src = new("test.gov", 1, 1);
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static RuleModel Rule(string name, RuleKind kind, string? column, params object?[] args) =>
        new(name, kind, column, args, false, Severity.Error, null, [], Src);

    public static DatasetModel Dataset(string name, string table, string? key, IReadOnlyList<RuleModel> rules,
        RetentionModel? retention = null, IReadOnlyList<MaskModel>? masks = null, IReadOnlyList<ColumnModel>? columns = null,
        IReadOnlyList<GrantModel>? grants = null, string store = "db") =>
        new(name, store, LocationKind.Table, table, key, "internal", columns ?? [], rules, retention, masks ?? [], grants ?? [], Src);

    public static DatasetModel Collection(string name, string collection, IReadOnlyList<RuleModel> rules, string? key = "_id",
        RetentionModel? retention = null, IReadOnlyList<MaskModel>? masks = null, string store = "telemetry") =>
        new(name, store, LocationKind.Collection, collection, key, "internal", [], rules, retention, masks ?? [], [], Src);

    /// <summary>The retention every retention test uses: 30 days by <c>created</c>.</summary>
    public static RetentionModel Retention(string? archive = "archive", string format = "parquet", string action = "delete", IReadOnlyList<string>? columns = null) =>
        new(new Duration(30, DurationUnit.Day), "created", archive, format, action, columns ?? [], Src);

    public static StoreModel DuckDb(string name = "db") => new(name, "duckdb", new Dictionary<string, SettingValue> { ["file"] = SettingValue.Of("data.duckdb") });

    public static StoreModel Postgres(string? tls = null)
    {
        var settings = new Dictionary<string, SettingValue> { ["connection"] = SettingValue.Env(PostgresVariable) };
        if (tls is not null)
        {
            settings["tls"] = SettingValue.Of(tls);
        }

        return new("db", "postgres", settings);
    }

    /// <summary>A <c>telemetry</c> mongodb store reading <c>LAB_MONGO_URL</c>; <paramref name="tls"/> null reads <c>LAB_MONGO_TLS</c>.</summary>
    public static StoreModel MongoDb(string? tls = "disabled") => new("telemetry", "mongodb", new Dictionary<string, SettingValue>
    {
        ["connection"] = SettingValue.Env("LAB_MONGO_URL"),
        ["tls"] = tls is null ? SettingValue.Env("LAB_MONGO_TLS") : SettingValue.Of(tls),
    });

    public static StoreModel Folder(string name = "archive") => new(name, "folder", new Dictionary<string, SettingValue> { ["path"] = SettingValue.Of(name) });

    public static StoreModel S3(string bucket, string url, string storageClass = "glacier-flexible-retrieval", string? encryption = "aes256", string? kmsKey = null,
        string name = "offsite", string? region = "us-east-1")
    {
        var settings = new Dictionary<string, SettingValue>
        {
            ["bucket"] = SettingValue.Of(bucket),
            ["endpoint"] = SettingValue.Of(url),
            ["storage-class"] = SettingValue.Of(storageClass),
        };
        if (region is not null)
        {
            settings["region"] = SettingValue.Of(region);
        }

        if (encryption is not null)
        {
            settings["encryption"] = SettingValue.Of(encryption);
        }

        if (kmsKey is not null)
        {
            settings["encryption-key"] = SettingValue.Of(kmsKey);
        }

        return new StoreModel(name, "s3", settings);
    }

    public static PolicyModel Policy(IReadOnlyList<StoreModel> stores, IReadOnlyList<DatasetModel> datasets, AuditModel? audit = null, IReadOnlyList<ControlModel>? controls = null) =>
        new("testpolicy", "Test policy", stores, datasets, audit, controls ?? []);

    /// <summary>A duckdb store <c>db</c> on <c>data.duckdb</c> and a folder <c>archive</c>.</summary>
    public static PolicyModel DuckDbPolicy(IReadOnlyList<DatasetModel> datasets, AuditModel? audit = null, IReadOnlyList<ControlModel>? controls = null) =>
        Policy([DuckDb(), Folder()], datasets, audit, controls);

    /// <summary>A postgres store <c>db</c> reading <see cref="PostgresVariable"/> and a folder <c>archive</c>.</summary>
    public static PolicyModel PostgresPolicy(IReadOnlyList<DatasetModel> datasets, AuditModel? audit = null, string? tls = null) =>
        Policy([Postgres(tls), Folder()], datasets, audit);

    /// <summary>A <c>telemetry</c> mongodb store reading <c>LAB_MONGO_URL</c> and a folder <c>archive</c>.</summary>
    public static PolicyModel MongoDbPolicy(IReadOnlyList<DatasetModel> datasets, string tls = "disabled", AuditModel? audit = null) =>
        Policy([MongoDb(tls), Folder()], datasets, audit);

    /// <summary>Run options whose environment gives the postgres store <paramref name="connection"/>.</summary>
    public static RunOptions PostgresOptions(string connection, string baseDirectory, int batchSize = 10_000) => new()
    {
        BaseDirectory = baseDirectory,
        Now = Now,
        BatchSize = batchSize,
        Environment = name => name == PostgresVariable ? connection : null,
    };

    public static Task<RunReport> RunPostgresAsync(PolicyModel policy, RunOptions options) =>
        PolicyRunner.RunAsync(new TestPolicy(policy), options, CancellationToken.None);

    /// <summary>Opens the postgres store of <paramref name="policy"/> the way the runner does.</summary>
    public static PostgresStore OpenPostgres(PolicyModel policy, string connection) =>
        (PostgresStore)new PostgresStoreProvider().Open(policy.Stores[0], new StoreContext(policy, PostgresOptions(connection, Path.GetTempPath())));
}
