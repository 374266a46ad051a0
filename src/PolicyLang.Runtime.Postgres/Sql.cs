using System.Text;
using Npgsql;
using NpgsqlTypes;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// SQL text helpers. INVARIANT: identifiers only ever enter SQL through <see cref="Id"/> (double-quoted, quotes doubled,
/// the rules of <c>quote_ident</c>) and values only through parameters, so hostile names and values cannot change a statement.
/// </summary>
internal static class Sql
{
    /// <summary>PostgreSQL silently truncates longer names (NAMEDATALEN − 1), which could make two names alias one column.</summary>
    private const int MaxIdentifierBytes = 63;

    public static string Id(string name)
    {
        // A NUL cannot be sent in a statement at all; a too-long name would be truncated to a different name: refuse both.
        if (name.Length == 0 || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new RunException($"identifier '{name.Replace("\0", "\\0", StringComparison.Ordinal)}' is empty or contains a NUL character");
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxIdentifierBytes)
        {
            throw new RunException($"identifier '{name}' is longer than PostgreSQL's {MaxIdentifierBytes}-byte limit");
        }

        return SqlText.QuoteIdentifier(name);
    }

    /// <summary>A text literal for the few places that take no parameters (COMMENT ON); quotes doubled, standard_conforming_strings is on since 9.1.</summary>
    public static string Literal(string text) => SqlText.QuoteLiteral(text);

    public static string Table(DatasetModel dataset) => Table(dataset.Location);

    /// <summary><c>schema.table</c> or <c>table</c>, each part quoted.</summary>
    public static string Table(string location) => SqlText.Table(location, Id);

    /// <summary>Splits <c>schema.table</c> at the first dot; a name without a dot is a table in the search path (normally <c>public</c>).</summary>
    public static (string? Schema, string Table) Split(string location) => SqlText.SplitTable(location);

    /// <summary>The schema to look a table up in information_schema/pg_catalog.</summary>
    public static string SchemaOf(string location) => Split(location).Schema ?? "public";
}
