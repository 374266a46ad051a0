using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Binding;

/// <summary>Column type names to the families rules are checked against.</summary>
internal static class ColumnTypes
{
    private static readonly Dictionary<string, ColumnTypeFamily> Families = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text"] = ColumnTypeFamily.Text, ["varchar"] = ColumnTypeFamily.Text, ["char"] = ColumnTypeFamily.Text, ["string"] = ColumnTypeFamily.Text,
        ["int"] = ColumnTypeFamily.Integer, ["integer"] = ColumnTypeFamily.Integer, ["bigint"] = ColumnTypeFamily.Integer,
        ["smallint"] = ColumnTypeFamily.Integer, ["long"] = ColumnTypeFamily.Integer,
        ["double"] = ColumnTypeFamily.Decimal, ["float"] = ColumnTypeFamily.Decimal, ["real"] = ColumnTypeFamily.Decimal,
        ["numeric"] = ColumnTypeFamily.Decimal, ["decimal"] = ColumnTypeFamily.Decimal,
        ["bool"] = ColumnTypeFamily.Boolean, ["boolean"] = ColumnTypeFamily.Boolean,
        ["timestamp"] = ColumnTypeFamily.Time, ["timestamptz"] = ColumnTypeFamily.Time, ["datetime"] = ColumnTypeFamily.Time, ["time"] = ColumnTypeFamily.Time,
        ["date"] = ColumnTypeFamily.Date,
        ["json"] = ColumnTypeFamily.Json, ["jsonb"] = ColumnTypeFamily.Json, ["object"] = ColumnTypeFamily.Json, ["document"] = ColumnTypeFamily.Json,
    };

    public static IEnumerable<string> Known => Families.Keys;

    /// <summary>The family of a type name; null when the name is unknown (the column is then <see cref="ColumnTypeFamily.Other"/>).</summary>
    public static ColumnTypeFamily? Family(string typeName) => Families.TryGetValue(typeName, out var family) ? family : null;

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
