using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Differential;

/// <summary>
/// The column types the generator covers. Values are held as the CLR types drivers return:
/// int, long, decimal, double, string, DateOnly, DateTime (UTC wall clock), DateTimeOffset (UTC) and bool.
/// </summary>
public enum ColumnType { Integer, BigInt, Numeric, Double, Text, Varchar, Date, Timestamp, TimestampTz, Boolean }

/// <summary>One generated column.</summary>
public sealed record GeneratedColumn(string Name, ColumnType Type);

/// <summary>A generated table: its key column (<c>id</c>), columns and rows (column name → value, null for NULL).</summary>
public sealed record GeneratedTable(string Name, IReadOnlyList<GeneratedColumn> Columns, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows)
{
    public const string Key = "id";

    public ColumnType TypeOf(string column) => Columns.Single(c => c.Name == column).Type;
}

/// <summary>One differential case: the checked table (<c>facts</c>), the target of its references (<c>dims</c>), its rules and the clock.</summary>
public sealed record GeneratedCase(int Seed, DateTimeOffset Now, GeneratedTable Facts, GeneratedTable Dims, IReadOnlyList<RuleModel> Rules)
{
    /// <summary>The rows of a dataset by name, for engines that evaluate <c>references</c> in memory.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>>? RowsOf(string dataset) =>
        dataset == Facts.Name ? Facts.Rows : dataset == Dims.Name ? Dims.Rows : null;
}
