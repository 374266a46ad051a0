using System.Text;

namespace PolicyLang.Core.Docs;

/// <summary>
/// A GitHub-flavoured Markdown table. Cells are escaped here, once, so policy text containing
/// <c>|</c> (a C# <c>||</c>, a regex alternation) or line breaks cannot break the table.
/// </summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public MarkdownTable Row(params string?[] cells)
    {
        rows.Add(cells.Select(c => Escape(c ?? Dash)).ToArray());
        return this;
    }

    public const string Dash = "—";

    /// <summary>The table, or when it has no rows the sentence <paramref name="whenEmpty"/>: a header with no rows reads as a broken table.</summary>
    public void WriteTo(StringBuilder sb, string whenEmpty)
    {
        if (rows.Count == 0)
        {
            sb.Append(whenEmpty).Append("\n\n");
            return;
        }

        WriteTo(sb);
    }

    /// <summary>The table, for callers whose table has a row by construction.</summary>
    public void WriteTo(StringBuilder sb)
    {
        sb.Append("| ").Append(string.Join(" | ", headers.Select(h => $"**{h}**"))).Append(" |\n");
        sb.Append('|').Append(string.Join("|", headers.Select(_ => "---"))).Append("|\n");
        foreach (var row in rows)
        {
            sb.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
        }

        sb.Append('\n');
    }

    /// <summary>Inline code that survives table escaping (backticks inside are rare; they are doubled-fenced).</summary>
    public static string Code(string text) => text.Contains('`') ? $"`` {text} ``" : $"`{text}`";

    /// <summary>Several lines in one cell.</summary>
    public static string Lines(IEnumerable<string> lines)
    {
        var list = lines.ToList();
        return list.Count == 0 ? Dash : string.Join("<br>", list);
    }

    private static string Escape(string cell) =>
        cell.Replace("\r", string.Empty, StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal);
}
