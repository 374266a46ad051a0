namespace PolicyLang.Core.Binding;

/// <summary>The language's view of the type table (<see cref="ColumnTypeTable"/>): families rules are checked against, and how they read in messages.</summary>
internal static class ColumnTypes
{
    public static IEnumerable<string> Known => ColumnTypeTable.LanguageNames;

    /// <summary>The family of a type name; null when the language gives it none (the column is then <see cref="ColumnTypeFamily.Other"/>).</summary>
    public static ColumnTypeFamily? Family(string typeName) => ColumnTypeTable.LanguageFamily(typeName);

    /// <summary>How a family reads in messages: "column `x` holds ...".</summary>
    public static string Describe(ColumnTypeFamily family) => family switch
    {
        ColumnTypeFamily.Text => "text",
        ColumnTypeFamily.Integer => "whole numbers",
        ColumnTypeFamily.Decimal => "numbers",
        ColumnTypeFamily.Boolean => "booleans",
        ColumnTypeFamily.Time => "timestamps",
        ColumnTypeFamily.Date => "dates",
        ColumnTypeFamily.Json => "documents",
        _ => "values of an unknown type",
    };

    public static bool IsTime(ColumnTypeFamily family) => family is ColumnTypeFamily.Time or ColumnTypeFamily.Date;

    /// <summary>Whether a literal (string, long, double, bool, DateOnly) can be compared with the column's values.</summary>
    public static bool Fits(ColumnTypeFamily family, object? value) => family switch
    {
        ColumnTypeFamily.Integer or ColumnTypeFamily.Decimal => value is long or double,
        ColumnTypeFamily.Text => value is string,
        ColumnTypeFamily.Time or ColumnTypeFamily.Date => value is DateOnly,
        ColumnTypeFamily.Boolean => value is bool,

        // Documents and unknown types are not checked.
        _ => true,
    };

    /// <summary>"a number", "a string", ... for messages.</summary>
    public static string DescribeLiteral(object? value) => value switch
    {
        long or double => "a number",
        string => "a string",
        DateOnly => "a date",
        bool => "a boolean",
        _ => "null",
    };

    /// <summary>The literal's kind, for homogeneity checks (longs and doubles are both numbers).</summary>
    public static string LiteralKind(object? value) => DescribeLiteral(value);
}
