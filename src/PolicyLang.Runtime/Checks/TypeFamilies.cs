using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// The families of declared and live column types (<see cref="ColumnTypeTable"/>, shared with the language), so <c>int</c>
/// declared and <c>bigint</c> live do not count as drift, and planners know which declared columns cannot hold NaN.
/// </summary>
public static class TypeFamilies
{
    /// <summary>The family's name as the language spells it: text | integer | decimal | boolean | time | date | json, or null for a type outside these families.</summary>
    public static string? Of(string type) => ColumnTypeTable.Family(type) is { } family ? family.ToString().ToLowerInvariant() : null;

    /// <summary>The family of a declared or live type; null for a type outside the table.</summary>
    public static ColumnTypeFamily? Family(string type) => ColumnTypeTable.Family(type);

    /// <summary>The type <paramref name="dataset"/> declares for <paramref name="column"/>, lower case and without arguments; null when undeclared.</summary>
    public static string? Declared(DatasetModel dataset, string? column) =>
        dataset.Columns.FirstOrDefault(c => c.Name == column) is { } declared ? ColumnTypeTable.Normalize(declared.Type) : null;
}
