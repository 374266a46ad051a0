namespace PolicyLang.Runtime.Checks;

/// <summary>
/// <c>length(x)</c> and <c>x parses as ...</c> in SQL for DuckDB and PostgreSQL (docs/language.md "Value shapes"): the same tests as
/// <see cref="ValueShapes"/>, written with what both dialects share (a portable regex, <c>substr</c>, integer arithmetic) so they agree.
/// </summary>
internal static class SqlShapes
{
    /// <summary>The length in code points of the column's text (both stores count characters of UTF-8 text, not bytes).</summary>
    public static string Length(LengthOperand operand, SqlDialect d) => $"length({d.Text(d.Column(operand.Column))})";

    /// <summary>"The (non-null) column's text parses", never NULL.</summary>
    public static string Parses(ParsesCondition c, SqlDialect d)
    {
        var column = d.Column(c.Column);
        return c.Format switch
        {
            ParseFormat.Number => d.Matches(column, ValueShapes.NumberPattern),
            ParseFormat.Json => $"coalesce({d.IsJson(d.Text(column))}, FALSE)",
            _ => Date(column, DatePattern.Parse(c.Pattern ?? "yyyy-MM-dd", out var problem) ?? throw new ArgumentException(problem, nameof(c)), d),
        };
    }

    // The shape by the regex, then (only once it matched, so the casts cannot fail) each field's range and the day against its month.
    private static string Date(string column, DatePattern pattern, SqlDialect d)
    {
        var text = d.Text(column);
        string Field(DateField f) => $"CAST(substr({text}, {f.Start + 1}, {f.Length}) AS INTEGER)";
        var checks = pattern.Fields.Select(f => $"{Field(f)} BETWEEN {f.Min} AND {f.Max}").ToList();
        if (pattern.Field("dd") is { } day && pattern.Field("MM") is { } month)
        {
            var february = pattern.Field("yyyy") is { } year
                ? $"CASE WHEN ({Field(year)} % 4 = 0 AND {Field(year)} % 100 <> 0) OR {Field(year)} % 400 = 0 THEN 29 ELSE 28 END"
                : "29";
            checks.Add($"{Field(day)} <= CASE WHEN {Field(month)} IN (4, 6, 9, 11) THEN 30 WHEN {Field(month)} = 2 THEN {february} ELSE 31 END");
        }

        return $"(CASE WHEN {d.Matches(column, pattern.Regex)} THEN {string.Join(" AND ", checks)} ELSE FALSE END)";
    }
}
