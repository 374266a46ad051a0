using PolicyLang.Runtime.Differential;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Testing.Engines;

/// <summary>
/// The end-to-end checks case every engine runs (the same rows, rules and expected counts on every store): six people, one
/// rule of every kind (with or null, severities, tolerances, a csharp rule that throws), and three departments that
/// <c>dept_id</c> references. Row 4's dept_id has no department; row 5 shares row 1's email.
/// </summary>
internal static class PeopleCase
{
    public static readonly DateTimeOffset Now = M.Now;

    private static int next = 200_000;

    /// <summary>
    /// The people table and its departments; <paramref name="rules"/> checked on people. The seed is odd (no declared columns)
    /// and unique, so a store that shares a database gives each run its own schema.
    /// </summary>
    public static GeneratedCase With(IReadOnlyList<RuleModel> rules) => new(Interlocked.Add(ref next, 2) + 1, Now, People, Departments, rules);

    /// <summary>Every rule kind, as <see cref="Expected"/> counts them.</summary>
    public static GeneratedCase AllRules => With(Rules());

    public static RuleModel R(string name, RuleKind kind, string? column, params object?[] args) => M.Rule(name, kind, column, args);

    public static IReadOnlyList<RuleModel> Rules() =>
    [
        R("email_not_null", RuleKind.NotNull, "email"),
        R("email_unique", RuleKind.Unique, "email"),
        R("age_between", RuleKind.Between, "age", 18L, 120L),
        R("age_between_or_null", RuleKind.Between, "age", 18L, 120L) with { OrNull = true },
        R("age_between_warn", RuleKind.Between, "age", 18L, 120L) with { Severity = Severity.Warn },
        R("age_between_info", RuleKind.Between, "age", 18L, 120L) with { Severity = Severity.Info },
        R("country_in", RuleKind.In, "country", "NL", "DE", "FR"),
        R("country_in_tolerant", RuleKind.In, "country", "NL", "DE", "FR") with { Tolerance = 0.5 },
        R("country_in_strict", RuleKind.In, "country", "NL", "DE", "FR") with { Tolerance = 0.2 },
        R("email_matches", RuleKind.Matches, "email", @"^[^@\s]+@[^@\s]+$"),
        R("email_matches_or_null", RuleKind.Matches, "email", @"^[^@\s]+@[^@\s]+$") with { OrNull = true },
        R("email_partial", RuleKind.Matches, "email", "@x"),
        R("score_compare", RuleKind.Compare, "score", 1.0) with { Operator = CompareOperator.LessOrEqual },
        R("dept_refs", RuleKind.References, "dept_id") with { TargetDataset = "departments", TargetColumn = "id" },
        R("updated_fresher", RuleKind.FresherThan, "updated_at") with { Window = new Duration(7, DurationUnit.Day) },
        R("stale_fresher", RuleKind.FresherThan, "updated_at") with { Window = new Duration(1, DurationUnit.Hour) },
        R("rows_at_least", RuleKind.RowsAtLeast, null, 10L),
        R("score_csharp", RuleKind.CSharp, null) with { Fields = ["score"], Predicate = row => row.score == null || (double)row.score < 1.0 },
        R("email_csharp_throws", RuleKind.CSharp, null) with { Fields = ["email"], Predicate = row => ((string)row.email).Length > 3 },
    ];

    /// <summary>What every engine must report for <see cref="Rules"/> on people: violations and status per rule.</summary>
    public static Dictionary<string, (long Violations, RuleStatus Status)> Expected() => new()
    {
        ["email_not_null"] = (1, RuleStatus.Failed),
        ["email_unique"] = (2, RuleStatus.Failed),
        ["age_between"] = (3, RuleStatus.Failed),
        ["age_between_or_null"] = (2, RuleStatus.Failed),
        ["age_between_warn"] = (3, RuleStatus.Warned),
        ["age_between_info"] = (3, RuleStatus.Passed),
        ["country_in"] = (2, RuleStatus.Failed),
        ["country_in_tolerant"] = (2, RuleStatus.Passed),
        ["country_in_strict"] = (2, RuleStatus.Failed),
        ["email_matches"] = (2, RuleStatus.Failed),
        ["email_matches_or_null"] = (1, RuleStatus.Failed),
        ["email_partial"] = (2, RuleStatus.Failed),
        ["score_compare"] = (2, RuleStatus.Failed),
        ["dept_refs"] = (1, RuleStatus.Failed),
        ["updated_fresher"] = (3, RuleStatus.Passed),
        ["stale_fresher"] = (6, RuleStatus.Failed),
        ["rows_at_least"] = (4, RuleStatus.Failed),
        ["score_csharp"] = (1, RuleStatus.Failed),
        ["email_csharp_throws"] = (1, RuleStatus.Failed),
    };

    /// <summary>Declared columns that drift from the people table: id is nullable there, age is no string, missing_col is missing.</summary>
    public static IReadOnlyList<ColumnModel> DriftingColumns { get; } =
    [
        new ColumnModel("id", "int", NotNull: true, Pii: false),
        new ColumnModel("email", "string", false, true),
        new ColumnModel("age", "string", false, false),
        new ColumnModel("missing_col", "string", false, false),
    ];

    /// <summary>The masks the runs apply: email hashed in samples and reports.</summary>
    public static IReadOnlyList<MaskModel> Masks { get; } = [new MaskModel("email", "sha256")];

    private static GeneratedTable People { get; } = new(
        "people",
        [
            new("id", ColumnType.BigInt), new("email", ColumnType.Text), new("age", ColumnType.Integer), new("country", ColumnType.Text),
            new("score", ColumnType.Double), new("updated_at", ColumnType.Timestamp), new("dept_id", ColumnType.BigInt),
        ],
        [
            Row(1L, "a@x.org", 30, "NL", 0.5, At("2026-05-31"), 10L),
            Row(2L, "b@x.org", 17, "DE", 0.9, At("2026-05-30"), 10L),
            Row(3L, null, 45, "XX", 1.5, At("2026-01-01"), 20L),
            Row(4L, "bad-email", null, "NL", null, At("2025-01-01"), 99L),
            Row(5L, "a@x.org", 150, null, 0.1, null, null),
            Row(6L, "c@x.org", 60, "FR", 0.7, At("2026-05-29"), 30L),
        ]);

    private static GeneratedTable Departments { get; } = new(
        "departments",
        [new("id", ColumnType.BigInt)],
        [new Dictionary<string, object?> { ["id"] = 10L }, new Dictionary<string, object?> { ["id"] = 20L }, new Dictionary<string, object?> { ["id"] = 30L }]);

    private static DateTime At(string date) => DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Row(long id, string? email, int? age, string? country, double? score, DateTime? updatedAt, long? deptId) => new()
    {
        ["id"] = id, ["email"] = email, ["age"] = age, ["country"] = country, ["score"] = score, ["updated_at"] = updatedAt, ["dept_id"] = deptId,
    };
}
