using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb.Tests;

/// <summary>The mongodb dataset of the lab policy, as the compiler emits it; every other model comes from the kit's <see cref="M"/>.</summary>
internal static class LabModel
{
    /// <summary>
    /// observation_logs of shared/spec/lab.gov as the compiler emits it (rule names <c>&lt;column&gt;_&lt;kind&gt;</c>,
    /// <c>&gt;</c> named <c>gt</c>, operands as long, the csharp rule's fields and predicate).
    /// </summary>
    public static DatasetModel ObservationLogs() => new(
        "observation_logs", "telemetry", LocationKind.Collection, "obs_logs", "_id", "confidential", [],
        [
            M.Rule("telescope_in", RuleKind.In, "telescope", "T1", "T2", "T3"),
            M.Rule("exposure_s_gt", RuleKind.Compare, "exposure_s", 0L) with { Operator = CompareOperator.GreaterThan },
            M.Rule("operator_not_null", RuleKind.NotNull, "operator"),
            M.Rule("long_exposure_only_in_survey", RuleKind.CSharp, null) with
            {
                Expression = "doc.exposure_s < 3600 || doc.mode == \"survey\"",
                Fields = ["exposure_s", "mode"],
                Predicate = static (dynamic doc) => (bool)(doc.exposure_s < 3600 || doc.mode == "survey"),
            },
        ],
        new RetentionModel(new Duration(90, DurationUnit.Day), "observed_at", null, null, "delete", [], M.Src),
        [], [new GrantModel("read", "dba")], M.Src);
}
