using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>The s3 store's own models: rules on a prefix dataset; everything else comes from the kit's <see cref="M"/> and <see cref="EventsPolicy"/>.</summary>
internal static class Policies
{
    /// <summary>events (duckdb) kept 30 days by created, archived to the s3 store as Parquet, then deleted; audit in the folder "files".</summary>
    public static PolicyModel EventsToS3(StoreModel s3) => EventsPolicy.For("duckdb", s3: s3);

    public static RuleModel Rule(string name, RuleKind kind, object? arg = null, Duration? window = null) =>
        new(name, kind, null, arg is null ? [] : [arg], false, Severity.Error, null, [], M.Src) { Window = window };

    /// <summary>A prefix dataset on the s3 store with <paramref name="rules"/> and optional retention by last-modified.</summary>
    public static PolicyModel Prefix(StoreModel s3, string prefix, IReadOnlyList<RuleModel> rules, Duration? retain = null) =>
        M.Policy([s3, M.Folder("files")],
            [
                new DatasetModel("raw", s3.Name, LocationKind.Prefix, prefix, null, "restricted", [], rules,
                    retain is { } w ? new RetentionModel(w, null, null, null, "delete", [], M.Src) : null, [], [], M.Src),
            ],
            new AuditModel("files", "audit", null, true));
}
