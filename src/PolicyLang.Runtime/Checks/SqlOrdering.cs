using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// <see cref="RuleKind.Monotonic"/> in SQL for DuckDB and PostgreSQL: one query of its own (a window needs the rows in order, which the
/// fused scan does not sort), numbering nothing: <c>lag</c> over the rows of the sequence, partitioned by "in the sequence" so rows outside
/// it never become a previous value. Meaning: <see cref="InMemoryOrdering"/> (docs/language.md "Ordering").
/// </summary>
public static class SqlOrdering
{
    /// <summary>
    /// The rows of <paramref name="table"/> (ordered, after the order column and the value, by <paramref name="key"/> when declared) with the columns <c>__seq</c> (in the sequence), <c>__v</c>, <c>__prev</c> and <c>__bad</c>
    /// (violates), plus <paramref name="extra"/> projections; <paramref name="collate"/> gives a column the collation that orders it by
    /// code point (PostgreSQL's <c>COLLATE "C"</c> for declared text; empty where the store already does).
    /// </summary>
    public static string Windowed(RuleModel rule, string? key, string table, SqlDialect d, DateTimeOffset now, Func<string, string> collate, string extra = "")
    {
        var column = rule.Column ?? throw new ArgumentException($"rule '{rule.Name}' names no column", nameof(rule));
        var order = rule.OrderColumn ?? throw new ArgumentException($"rule '{rule.Name}' has no order column", nameof(rule));
        var (x, o) = (d.Column(column), d.Column(order));
        string Known(string sql, string name) => d.IsNaN(sql, name) is { } nan ? $"({sql} IS NOT NULL AND NOT ({nan}))" : $"({sql} IS NOT NULL)";
        var inSequence = $"({Known(x, column)} AND {Known(o, order)})";
        var (xs, os) = (collate(column), collate(order));
        // The key last, so fully tied rows keep one order in every engine (which of them violates a strict rule is then decided).
        var tie = key is null || key == order || key == column ? string.Empty : $", {d.Column(key)}{collate(key)} ASC";
        var window = $"lag({x}{xs}) OVER (PARTITION BY {inSequence} ORDER BY {o}{os} ASC, {x}{xs} {(rule.Decreasing ? "DESC" : "ASC")}{tie})";
        var nan = d.IsNaN(x, column) is { } isNaN ? $"({x} IS NOT NULL AND {isNaN})" : null;
        var outside = (rule.OrNull, nan) switch
        {
            (true, null) => "FALSE",
            (true, _) => nan,
            (false, null) => $"({x} IS NULL)",
            _ => $"({x} IS NULL OR {nan})",
        };

        var where = rule.Where is { } condition ? $" WHERE {SqlConditions.True(RowConditions.Resolve(condition, now), d)}" : string.Empty;
        return $"SELECT {x}{xs} AS __v, {inSequence} AS __seq, {window} AS __prev, {outside} AS __bad{extra} FROM {table}{where}";
    }

    /// <summary>The violation over the columns of <see cref="Windowed"/>.</summary>
    public static string Violation(RuleModel rule) =>
        $"(__bad OR (__seq AND __prev IS NOT NULL AND __v {(rule.Decreasing ? rule.Strictly ? ">=" : ">" : rule.Strictly ? "<=" : "<")} __prev))";
}
