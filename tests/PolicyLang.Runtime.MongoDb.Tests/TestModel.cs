using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Stores.Folder;
using PolicyLang.Runtime.Testing;

namespace PolicyLang.Runtime.MongoDb.Tests;

/// <summary>A hand-built policy standing in for a generated enforcement class, registering what generated code registers.</summary>
internal sealed class TestPolicy(PolicyModel model) : IEnforcementPolicy
{
    public PolicyModel Model { get; } = model;
    public IReadOnlyList<PolicyTestCase> Tests => [];

    public void RegisterStores(StoreRegistry registry)
    {
        registry.Add(new global::PolicyLang.Runtime.MongoDb.MongoDbStoreProvider());
        registry.Add(new FolderStoreProvider());
    }
}

internal static class M
{
    public static readonly SourceRef Src = new("test.gov", 1, 1);
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static RuleModel Rule(string name, RuleKind kind, string? column, params object?[] args) =>
        new(name, kind, column, args, false, Severity.Error, null, [], Src);

    public static DatasetModel Dataset(string name, string collection, IReadOnlyList<RuleModel> rules, string? key = "_id",
        RetentionModel? retention = null, IReadOnlyList<MaskModel>? masks = null, string store = "telemetry") =>
        new(name, store, LocationKind.Collection, collection, key, "internal", [], rules, retention, masks ?? [], [], Src);

    /// <summary>The policy with a <c>telemetry</c> mongodb store reading <c>LAB_MONGO_URL</c> and a folder <c>archive</c>.</summary>
    public static PolicyModel Policy(IReadOnlyList<DatasetModel> datasets, string tls = "disabled", AuditModel? audit = null) =>
        new("testpolicy", "Test policy",
            [
                new StoreModel("telemetry", "mongodb", new Dictionary<string, SettingValue>
                {
                    ["connection"] = SettingValue.Env("LAB_MONGO_URL"),
                    ["tls"] = SettingValue.Of(tls),
                }),
                new StoreModel("archive", "folder", new Dictionary<string, SettingValue> { ["path"] = SettingValue.Of("archive") }),
            ],
            datasets, audit, []);

    /// <summary>
    /// observation_logs of shared/spec/lab.gov as the compiler emits it (rule names <c>&lt;column&gt;_&lt;kind&gt;</c>,
    /// <c>&gt;</c> named <c>gt</c>, operands as long, the csharp rule's fields and predicate).
    /// </summary>
    public static DatasetModel ObservationLogs() => new(
        "observation_logs", "telemetry", LocationKind.Collection, "obs_logs", "_id", "confidential", [],
        [
            Rule("telescope_in", RuleKind.In, "telescope", "T1", "T2", "T3"),
            Rule("exposure_s_gt", RuleKind.Compare, "exposure_s", 0L) with { Operator = CompareOperator.GreaterThan },
            Rule("operator_not_null", RuleKind.NotNull, "operator"),
            Rule("long_exposure_only_in_survey", RuleKind.CSharp, null) with
            {
                Expression = "doc.exposure_s < 3600 || doc.mode == \"survey\"",
                Fields = ["exposure_s", "mode"],
                Predicate = static (dynamic doc) => (bool)(doc.exposure_s < 3600 || doc.mode == "survey"),
            },
        ],
        new RetentionModel(new Duration(90, DurationUnit.Day), "observed_at", null, null, "delete", [], Src),
        [], [new GrantModel("read", "dba")], Src);

    /// <summary>The retention every retention test uses: 30 days by <c>created</c>.</summary>
    public static RetentionModel Retention(string? archive = "archive", string format = "parquet", string action = "delete", IReadOnlyList<string>? columns = null) =>
        new(new Duration(30, DurationUnit.Day), "created", archive, format, action, columns ?? [], Src);
}
