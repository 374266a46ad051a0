using PolicyLang.Runtime.Checks;

namespace PolicyLang.Runtime.DuckDb;

/// <summary>One statement of a DuckDB <see cref="CheckPlan{TQuery}"/>; values are bound as <c>$pN</c> parameters, never spliced in.</summary>
internal sealed record DuckDbQuery(string Purpose, string Sql, Parameters Parameters, bool CountsRows, IReadOnlyList<RuleAnswer> Answers)
    : CheckQuery(Purpose, CountsRows, Answers);
