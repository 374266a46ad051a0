using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.DuckDb;

/// <summary>DuckDB's errors that an author can fix, in one line that names what to fix; others keep DuckDB's first line.</summary>
public sealed partial class DuckDbStore
{
    private string? catalog;

    /// <summary>
    /// A file <c>qa.duckdb</c> is attached as catalog <c>qa</c>; a schema <c>qa</c> inside it makes every <c>qa.table</c>
    /// ambiguous to DuckDB. Checked before a dataset is touched, so the author reads what to change instead of a binder error.
    /// </summary>
    private void RequireUnambiguous(DatasetModel dataset)
    {
        var (schema, _) = Sql.Split(dataset.Location);
        if (schema is null)
        {
            return;
        }

        catalog ??= ScalarText("SELECT current_database()");
        if (!string.Equals(schema, catalog, StringComparison.Ordinal))
        {
            return;
        }

        var p = new Parameters();
        if (Scalar($"SELECT count(*)::BIGINT FROM duckdb_schemas() WHERE database_name = current_database() AND schema_name = {p.Add(schema)}", p) == 0)
        {
            return;
        }

        throw new RunException(
            $"dataset '{dataset.Name}': table '{dataset.Location}' is ambiguous: the file '{Path.GetFileName(File)}' is attached as catalog \"{schema}\", " +
            $"the same name as its schema \"{schema}\"; rename the file (say '{schema}-data.duckdb') or move the tables to another schema");
    }

    /// <summary>A rule or dataset error from <paramref name="ex"/>: a missing column is named with its table; anything else is DuckDB's first line.</summary>
    private static string Explain(DuckDBException ex, DatasetModel dataset)
    {
        if (MissingColumn().Match(ex.Message) is { Success: true } missing)
        {
            var candidates = Candidates().Match(ex.Message) is { Success: true } c ? $"; did you mean {c.Groups[1].Value.Trim()}?" : "";
            return $"column '{missing.Groups[1].Value}' does not exist in table '{dataset.Location}'{candidates}";
        }

        return ex.Message.Split('\n', 2)[0].Trim();
    }

    private string ScalarText(string sql)
    {
        using var command = Command(sql, null);
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    [GeneratedRegex("Referenced column \"([^\"]+)\" not found")]
    private static partial Regex MissingColumn();

    [GeneratedRegex("Candidate bindings: ([^\\n]+)")]
    private static partial Regex Candidates();
}
