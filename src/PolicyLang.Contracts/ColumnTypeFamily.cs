namespace PolicyLang.Contracts;

/// <summary>
/// What rules may do with a column's values, and what counts as type drift between a declared and a live column:
/// the language's type families (docs/language.md, "Dataset members"). <see cref="ColumnTypeTable"/> maps type names to them.
/// </summary>
public enum ColumnTypeFamily
{
    /// <summary>Strings: <c>text</c>, <c>varchar</c>, ...; <c>matches</c> applies.</summary>
    Text,
    /// <summary>Whole numbers: <c>bigint</c>, <c>int</c>, ...</summary>
    Integer,
    /// <summary>Numbers with a fraction: <c>numeric</c>, <c>double</c>, ...</summary>
    Decimal,
    /// <summary><c>bool</c>, <c>boolean</c>.</summary>
    Boolean,
    /// <summary>Timestamps and times of day; <c>fresher than</c> and <c>retain ... by</c> apply.</summary>
    Time,
    /// <summary>Calendar dates; <c>fresher than</c> and <c>retain ... by</c> apply.</summary>
    Date,
    /// <summary>JSON and documents: values are not type-checked.</summary>
    Json,
    /// <summary>A type the table does not know: values are not type-checked.</summary>
    Other,
}
