using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// SQL text shared by the SQL stores (DuckDB, PostgreSQL). INVARIANT: identifiers enter SQL only through
/// <see cref="QuoteIdentifier"/> and values only as parameters (or, where a statement takes none, through
/// <see cref="QuoteLiteral"/>), so hostile names and values cannot change a statement.
/// </summary>
public static class SqlText
{
    /// <summary>A double-quoted identifier with embedded quotes doubled (the rules of <c>quote_ident</c>).</summary>
    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A single-quoted text literal with embedded quotes doubled, for the few statements that take no parameters.</summary>
    public static string QuoteLiteral(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The table of a location: <c>schema.table</c> or <c>table</c>, each part quoted with <paramref name="quote"/>.</summary>
    public static string Table(string location, Func<string, string> quote)
    {
        var (schema, table) = SplitTable(location);
        return schema is null ? quote(table) : quote(schema) + "." + quote(table);
    }

    /// <summary>Splits <c>schema.table</c> at the first dot; a name without a dot is a table in the default schema.</summary>
    public static (string? Schema, string Table) SplitTable(string location)
    {
        var dot = location.IndexOf('.', StringComparison.Ordinal);
        return dot <= 0 ? (null, location) : (location[..dot], location[(dot + 1)..]);
    }

    /// <summary>Some of <paramref name="columns"/> is still non-null (a row not yet anonymized), each quoted with <paramref name="quote"/>.</summary>
    public static string AnyNotNull(IEnumerable<string> columns, Func<string, string> quote) =>
        "(" + string.Join(" OR ", columns.Select(c => $"{quote(c)} IS NOT NULL")) + ")";

    /// <summary>
    /// The condition <paramref name="expired"/> of a retention step, narrowed for an anonymizing step to rows not yet anonymized:
    /// anonymized rows stay in the table, and without this they would be selected again forever.
    /// </summary>
    public static string StillToProcess(RetentionModel retention, string expired, Func<string, string> quote) =>
        retention.Action == "anonymize" && retention.AnonymizeColumns.Count > 0 ? expired + " AND " + AnyNotNull(retention.AnonymizeColumns, quote) : expired;

    /// <summary>
    /// The row <c>s</c> holds a value of <paramref name="column"/> that no row of <paramref name="target"/> has in
    /// <paramref name="targetColumn"/> (a dangling <c>references</c>). NOT EXISTS, not NOT IN, so a null in the target column
    /// cannot turn every row into "unknown". Identifiers are quoted with <paramref name="quote"/>.
    /// </summary>
    public static string Dangling(string column, DatasetModel target, string targetColumn, Func<string, string> quote) =>
        Dangling([column], target, [targetColumn], quote);

    /// <summary>
    /// The row <c>s</c> holds values of <paramref name="columns"/>, none null, that no row of <paramref name="target"/> has in
    /// <paramref name="targetColumns"/> (paired in order): a dangling composite <c>references</c>; one column reads as the single form.
    /// </summary>
    public static string Dangling(IReadOnlyList<string> columns, DatasetModel target, IReadOnlyList<string> targetColumns, Func<string, string> quote)
    {
        var match = string.Join(" AND ", columns.Select((c, i) => $"x.{quote(targetColumns[i])} = s.{quote(c)}"));
        return $"{AllNotNull(columns, c => "s." + quote(c))} AND NOT EXISTS (SELECT 1 FROM {Table(target.Location, quote)} AS x WHERE {match})";
    }

    /// <summary><c>a IS NOT NULL AND b IS NOT NULL</c> over <paramref name="columns"/>, each written with <paramref name="column"/>.</summary>
    public static string AllNotNull(IEnumerable<string> columns, Func<string, string> column) =>
        string.Join(" AND ", columns.Select(c => $"{column(c)} IS NOT NULL"));

    /// <summary>
    /// The groups of a composite <c>unique</c>: <c>SELECT count(*) AS n FROM t WHERE a IS NOT NULL AND b IS NOT NULL GROUP BY a, b
    /// HAVING count(*) &gt; 1</c> (a row with a null in any column is ignored); its <c>n</c> summed are the violations.
    /// </summary>
    public static string DuplicateGroups(string table, IReadOnlyList<string> columns, Func<string, string> quote) =>
        $"SELECT count(*) AS n FROM {table} WHERE {AllNotNull(columns, quote)} GROUP BY {string.Join(", ", columns.Select(quote))} HAVING count(*) > 1";

    /// <summary>The sampled row <c>s</c> is one of a composite <c>unique</c>'s duplicates: <c>(s.a, s.b) IN (SELECT a, b FROM t ... HAVING count(*) &gt; 1)</c>.</summary>
    public static string Duplicated(string table, IReadOnlyList<string> columns, Func<string, string> quote)
    {
        var list = string.Join(", ", columns.Select(quote));
        return $"({string.Join(", ", columns.Select(c => "s." + quote(c)))}) IN (SELECT {list} FROM {table} WHERE {AllNotNull(columns, quote)} GROUP BY {list} HAVING count(*) > 1)";
    }

    /// <summary>
    /// <c>c IN (...)</c> with one list per operand type, joined by OR: SQL unifies a list to one type, so
    /// <c>IN (9223372036854775806, 0.5)</c> would compare every item as a double; each item must compare in its own type.
    /// </summary>
    public static string InList(string column, IReadOnlyList<object?> values, Func<object?, string> parameter)
    {
        var lists = values.GroupBy(v => v?.GetType()).Select(g => $"{column} IN ({string.Join(", ", g.Select(parameter))})").ToList();
        return lists.Count == 1 ? lists[0] : "(" + string.Join(" OR ", lists) + ")";
    }

    /// <summary>
    /// A comparison rule's condition. SQL orders NaN above every number, so <c>NaN &gt; 5</c> would hold; in the language
    /// NaN is unordered (only <c>!=</c> holds), so greater-than comparisons with a number exclude it: <c>c &lt;&gt;
    /// <paramref name="nan"/></c>, the store's NaN in the column's type (a NaN of another type would convert every value),
    /// or no guard when <paramref name="nan"/> is null (a column declared with a type that holds no NaN).
    /// </summary>
    public static string Compare(string column, CompareOperator? op, object? operand, string parameter, string? nan)
    {
        var condition = $"{column} {Comparison(op)} {parameter}";
        return nan is not null && op is CompareOperator.GreaterThan or CompareOperator.GreaterOrEqual && operand is long or double
            ? $"{condition} AND {column} <> {nan}"
            : condition;
    }

    /// <summary>The SQL spelling of a comparison rule's operator.</summary>
    /// <exception cref="RunException">The rule carries no operator.</exception>
    public static string Comparison(CompareOperator? op) => op switch
    {
        CompareOperator.GreaterThan => ">",
        CompareOperator.LessThan => "<",
        CompareOperator.GreaterOrEqual => ">=",
        CompareOperator.LessOrEqual => "<=",
        CompareOperator.Equal => "=",
        CompareOperator.NotEqual => "<>",
        _ => throw new RunException("a compare rule has no operator"),
    };
}
