using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.DuckDb;

public sealed partial class DuckDbStore
{
    /// <summary>
    /// Reads an exported Parquet file back with DuckDB and compares it with the batch's rows in the table, read in the same transaction:
    /// the row counts, and a checksum of the keys and contents (the sum of a hash of each row's column texts) over every column of a
    /// scalar type that Parquet holds exactly and the file keeps (others — ENUM read back as VARCHAR, TIMETZ normalized to UTC,
    /// nested types — are covered by the count alone).
    /// Returns the row count; a mismatch stops the batch before anything is stored or deleted.
    /// </summary>
    private long VerifyExport(DatasetModel dataset, string columns, string localPath)
    {
        var table = $"SELECT {columns} FROM {Sql.Table(dataset)} WHERE {KeyFilter(dataset)}";
        var file = $"SELECT * FROM read_parquet({Sql.Literal(localPath)})";
        var fileTypes = ColumnTypes(file).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        var compared = ColumnTypes(table).Where(c => ExactInParquet(c.Type) && fileTypes.TryGetValue(c.Name, out var t) && t == c.Type).Select(c => c.Name).ToList();
        var (rows, sum) = Checksum(table, compared);
        var (fileRows, fileSum) = Checksum(file, compared);
        if (rows != fileRows || sum != fileSum)
        {
            throw new RunException($"dataset '{dataset.Name}': the exported batch did not read back as the table's rows ({Plural.Of(fileRows, "row")} in the file, " +
                $"{Plural.Of(rows, "row")} in the table{(rows == fileRows ? ", different contents" : "")}); nothing was archived or deleted");
        }

        return rows;
    }

    private static bool ExactInParquet(string type) => type.StartsWith("DECIMAL(", StringComparison.Ordinal) || type is "BOOLEAN" or "TINYINT" or "SMALLINT"
        or "INTEGER" or "BIGINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "FLOAT" or "DOUBLE" or "VARCHAR" or "BLOB" or "DATE"
        or "TIME" or "TIMESTAMP" or "TIMESTAMP WITH TIME ZONE" or "UUID";

    private (long Rows, string Sum) Checksum(string query, IReadOnlyList<string> columns)
    {
        var hash = columns.Count == 0 ? "0" : $"sum(hash({string.Join(", ", columns.Select(c => $"CAST({Sql.Id(c)} AS VARCHAR)"))}))";
        using var command = Command($"SELECT count(*)::BIGINT, CAST(coalesce({hash}, 0) AS VARCHAR) FROM ({query})", null);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetString(1));
    }

    private List<(string Name, string Type)> ColumnTypes(string query)
    {
        var types = new List<(string, string)>();
        using var command = Command($"DESCRIBE {query}", null);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            types.Add((reader.GetString(0), reader.GetString(1)));
        }

        return types;
    }
}
