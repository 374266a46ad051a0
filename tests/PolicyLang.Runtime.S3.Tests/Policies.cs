using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Stores.Folder;
using PolicyLang.Runtime.Testing;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>A hand-built policy standing in for a generated enforcement class, with the s3 provider under test.</summary>
internal sealed class TestPolicy(PolicyModel model, S3StoreOptions? options = null) : IEnforcementPolicy
{
    public PolicyModel Model { get; } = model;
    public IReadOnlyList<PolicyTestCase> Tests => [];

    public void RegisterStores(StoreRegistry registry)
    {
        registry.Add(new DuckDbStoreProvider());
        registry.Add(new FolderStoreProvider());
        registry.Add(options is null ? new S3StoreProvider() : new S3StoreProvider(options));
    }
}

internal static class Policies
{
    public static readonly SourceRef Src = new("test.gov", 1, 1);
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static StoreModel S3(string bucket, string url, string storageClass = "glacier-flexible-retrieval", string? encryption = "aes256", string? kmsKey = null, string name = "offsite")
    {
        var settings = new Dictionary<string, SettingValue>
        {
            ["bucket"] = SettingValue.Of(bucket),
            ["region"] = SettingValue.Of("us-east-1"),
            ["endpoint"] = SettingValue.Of(url),
            ["storage-class"] = SettingValue.Of(storageClass),
        };
        if (encryption is not null) settings["encryption"] = SettingValue.Of(encryption);
        if (kmsKey is not null) settings["encryption-key"] = SettingValue.Of(kmsKey);
        return new StoreModel(name, "s3", settings);
    }

    public static readonly StoreModel Db = new("db", "duckdb", new Dictionary<string, SettingValue> { ["file"] = SettingValue.Of("data.duckdb") });
    public static readonly StoreModel Files = new("files", "folder", new Dictionary<string, SettingValue> { ["path"] = SettingValue.Of("files") });

    /// <summary>events (duckdb) kept 30 days by created, archived to the s3 store as Parquet, then deleted; audit in a folder.</summary>
    public static PolicyModel EventsToS3(StoreModel s3) => new("testpolicy", "Test policy", [Db, s3, Files],
        [
            new DatasetModel("events", "db", LocationKind.Table, "events", "id", "internal", [], [],
                new RetentionModel(new Duration(30, DurationUnit.Day), "created", s3.Name, "parquet", "delete", [], Src), [], [], Src),
        ],
        new AuditModel("files", "audit", null, true), []);

    public static RuleModel Rule(string name, RuleKind kind, object? arg = null, Duration? window = null) =>
        new(name, kind, null, arg is null ? [] : [arg], false, Severity.Error, null, [], Src) { Window = window };

    /// <summary>A prefix dataset on the s3 store with <paramref name="rules"/> and optional retention by last-modified.</summary>
    public static PolicyModel Prefix(StoreModel s3, string prefix, IReadOnlyList<RuleModel> rules, Duration? retain = null) =>
        new("testpolicy", "Test policy", [s3, Files],
            [
                new DatasetModel("raw", s3.Name, LocationKind.Prefix, prefix, null, "restricted", [], rules,
                    retain is { } w ? new RetentionModel(w, null, null, null, "delete", [], Src) : null, [], [], Src),
            ],
            new AuditModel("files", "audit", null, true), []);
}
