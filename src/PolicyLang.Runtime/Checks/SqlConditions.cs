using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

/// <summary>What differs between the SQL stores when a <see cref="RowCondition"/> is rendered.</summary>
/// <param name="Column">A column as SQL (quoted).</param>
/// <param name="Operand">A literal as a parameter (typed where the store needs it).</param>
/// <param name="IsNaN">The test "this column (quoted) holds NaN" in the store's SQL, given the column's name; null when its declared type holds none.</param>
/// <param name="Matches">The store's regex search of a column (quoted) by a portable pattern.</param>
public sealed record SqlDialect(Func<string, string> Column, Func<object?, string> Operand, Func<string, string, string?> IsNaN, Func<string, string, string> Matches)
{
    /// <summary>A column (quoted) as text in the store's SQL (<c>CAST(c AS VARCHAR)</c>).</summary>
    public required Func<string, string> Text { get; init; }

    /// <summary>"This text is one JSON value" in the store's SQL (never NULL for a non-null text).</summary>
    public required Func<string, string> IsJson { get; init; }
}

/// <summary>
/// Renders row conditions (rule bodies of <see cref="RuleKind.Condition"/> and every rule's <c>where</c>) as SQL for DuckDB and
/// PostgreSQL. Each condition is rendered as two definite predicates, <see cref="True"/> and <see cref="False"/> (neither is ever
/// SQL NULL), so three-valued logic, <c>not</c> and NaN behave exactly as in <see cref="RowConditionEvaluator"/> whatever the
/// store's own NULL and NaN rules are. <c>now</c> and <c>today</c> are bound as parameters (<see cref="RowConditions.Resolve"/>).
/// </summary>
public static class SqlConditions
{
    /// <summary>The condition "this row violates <paramref name="rule"/>", given <paramref name="existing"/>, the store's violation of a
    /// rule of another kind (null for <see cref="RuleKind.Condition"/>); narrowed to the rule's <c>where</c>.</summary>
    public static string Violation(RuleModel rule, string? existing, SqlDialect dialect, DateTimeOffset now)
    {
        var violation = rule.Condition is { } body
            ? rule.OrNull ? False(RowConditions.Resolve(body, now), dialect) : $"NOT {True(RowConditions.Resolve(body, now), dialect)}"
            : existing ?? throw new ArgumentNullException(nameof(existing));
        return rule.Where is { } where ? $"({True(RowConditions.Resolve(where, now), dialect)} AND {violation})" : violation;
    }

    /// <summary>The rows <paramref name="rule"/> applies to: inside its <c>where</c> and, with <c>or null</c>, with known values.</summary>
    public static string Applicable(RuleModel rule, SqlDialect dialect, DateTimeOffset now)
    {
        var terms = new List<string>();
        if (rule.Where is { } where)
        {
            terms.Add(True(RowConditions.Resolve(where, now), dialect));
        }

        if (rule.OrNull && rule.Condition is { } body)
        {
            var resolved = RowConditions.Resolve(body, now);
            terms.Add($"({True(resolved, dialect)} OR {False(resolved, dialect)})");
        }
        else if (rule.OrNull && rule.Column is { } column)
        {
            terms.Add($"{dialect.Column(column)} IS NOT NULL");
        }

        return terms.Count == 0 ? "TRUE" : string.Join(" AND ", terms);
    }

    /// <summary>The rows for which <paramref name="condition"/> is true (never NULL).</summary>
    public static string True(RowCondition condition, SqlDialect d) => condition switch
    {
        CompareCondition c => Known(c, d, Compare(c, d)),
        InCondition c => c.Values.Count == 0 ? "FALSE" : $"({d.Column(c.Column)} IS NOT NULL AND {SqlText.InList(d.Column(c.Column), c.Values, d.Operand)})",
        MatchesCondition c => $"({d.Column(c.Column)} IS NOT NULL AND {d.Matches(d.Column(c.Column), c.Pattern)})",
        IsNullCondition c => $"({d.Column(c.Column)} IS NULL)",
        ParsesCondition c => $"({d.Column(c.Column)} IS NOT NULL AND {SqlShapes.Parses(c, d)})",
        NotCondition c => False(c.Operand, d),
        AndCondition c => $"({True(c.Left, d)} AND {True(c.Right, d)})",
        OrCondition c => $"({True(c.Left, d)} OR {True(c.Right, d)})",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.GetType().Name, "unknown row condition"),
    };

    /// <summary>The rows for which <paramref name="condition"/> is false (never NULL).</summary>
    public static string False(RowCondition condition, SqlDialect d) => condition switch
    {
        CompareCondition c => Known(c, d, $"NOT ({Compare(c, d)})"),
        InCondition c => c.Values.Count == 0
            ? $"({d.Column(c.Column)} IS NOT NULL)"
            : $"({d.Column(c.Column)} IS NOT NULL AND NOT ({SqlText.InList(d.Column(c.Column), c.Values, d.Operand)}))",
        MatchesCondition c => $"({d.Column(c.Column)} IS NOT NULL AND NOT ({d.Matches(d.Column(c.Column), c.Pattern)}))",
        IsNullCondition c => $"({d.Column(c.Column)} IS NOT NULL)",
        ParsesCondition c => $"({d.Column(c.Column)} IS NOT NULL AND NOT {SqlShapes.Parses(c, d)})",
        NotCondition c => True(c.Operand, d),
        AndCondition c => $"({False(c.Left, d)} OR {False(c.Right, d)})",
        OrCondition c => $"({False(c.Left, d)} AND {False(c.Right, d)})",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.GetType().Name, "unknown row condition"),
    };

    // Both sides non-null, then the comparison (definite once they are).
    private static string Known(CompareCondition c, SqlDialect d, string comparison)
    {
        var terms = new[] { c.Left, c.Right }.Select(RowConditions.OperandColumn).OfType<string>().Select(o => $"{d.Column(o)} IS NOT NULL").Distinct().ToList();
        if (c.Left is LiteralOperand { Value: null } || c.Right is LiteralOperand { Value: null })
        {
            return "FALSE";
        }

        terms.Add(comparison);
        return "(" + string.Join(" AND ", terms) + ")";
    }

    /// <summary>
    /// The comparison of two non-null operands. SQL orders NaN above every number and equal to itself; in the language NaN is
    /// unordered (only <c>!=</c> holds), so a column that can hold NaN is guarded: <c>NOT isnan(c)</c> for every operator but
    /// <c>!=</c>, which instead also holds when either side is NaN.
    /// </summary>
    private static string Compare(CompareCondition c, SqlDialect d)
    {
        var left = Operand(c.Left, d);
        var right = Operand(c.Right, d);
        var nans = new[] { c.Left, c.Right }.OfType<ColumnOperand>()
            .Select(o => d.IsNaN(d.Column(o.Column), o.Column))
            .Where(test => test is not null && Numeric(c))
            .Select(test => test!)
            .ToList();
        var op = c.Operator switch
        {
            RowComparison.Equal => "=",
            RowComparison.NotEqual => "<>",
            RowComparison.Less => "<",
            RowComparison.LessOrEqual => "<=",
            RowComparison.Greater => ">",
            _ => ">=",
        };
        var comparison = $"{left} {op} {right}";
        if (nans.Count == 0)
        {
            return comparison;
        }

        return c.Operator == RowComparison.NotEqual
            ? "(" + comparison + string.Concat(nans.Select(n => $" OR {n}")) + ")"
            : comparison + string.Concat(nans.Select(n => $" AND NOT {n}"));
    }

    // A NaN guard matters only when a number can be compared: a column with a number, or two columns (their types are checked alike).
    private static bool Numeric(CompareCondition c) =>
        c.Left is not LiteralOperand { Value: not (long or double) } && c.Right is not LiteralOperand { Value: not (long or double) };

    private static string Operand(RowOperand operand, SqlDialect d) => operand switch
    {
        ColumnOperand c => d.Column(c.Column),
        LengthOperand l => SqlShapes.Length(l, d),
        LiteralOperand l => d.Operand(l.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(operand), operand.GetType().Name, "unresolved operand (now/today are resolved before rendering)"),
    };
}

/// <summary>The NaN tests of the SQL stores.</summary>
public static class SqlNaN
{
    /// <summary>
    /// "<paramref name="column"/> holds NaN" for a column of <paramref name="dataset"/>: none for a declared type that holds none
    /// (text, integers, booleans, times), a comparison with <paramref name="typedNaN"/> (the store's NaN in the declared type) for a
    /// declared decimal, and for an undeclared column its text form (which works whatever its live type is; an undeclared text
    /// column holding the text <c>nan</c> is then treated like NaN, documented in docs/language.md "Row conditions").
    /// </summary>
    public static string? Test(DatasetModel dataset, string name, string column, Func<string, string?> typedNaN, string textType)
    {
        if (TypeFamilies.Declared(dataset, name) is { } declared)
        {
            return TypeFamilies.Family(declared) is ColumnTypeFamily.Decimal && typedNaN(declared) is { } nan ? $"{column} = {nan}" : null;
        }

        // DuckDB writes a double NaN as `nan` or, with its sign bit set (.NET's double.NaN), `-nan`; PostgreSQL as `NaN`.
        return $"lower(CAST({column} AS {textType})) IN ('nan', '-nan')";
    }
}
