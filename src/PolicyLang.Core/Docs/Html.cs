using System.Net;
using System.Text;

namespace PolicyLang.Core.Docs;

/// <summary>Small HTML writing helpers: every text is encoded, tables carry captions and scoped headers.</summary>
internal static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>The in-document anchor of a line of the embedded policy source.</summary>
    public static string LineAnchor(string file, int line) => $"src-{Slug(file)}-L{line}";

    public static string SourceLink(Binding.Model.SourceLocation location) =>
        $"<a href=\"#{LineAnchor(location.File.Path, location.Line)}\"><code>{Encode(location.ToString())}</code></a>";

    public static void Table(StringBuilder html, string caption, string[] columns, IEnumerable<string[]> rows, string empty)
    {
        var body = rows.ToList();
        if (body.Count == 0)
        {
            html.Append("<p class=\"empty\">").Append(Encode(empty)).Append("</p>\n");
            return;
        }

        html.Append("<table>\n<caption>").Append(Encode(caption)).Append("</caption>\n<thead><tr>");
        foreach (var column in columns)
        {
            html.Append("<th scope=\"col\">").Append(Encode(column)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in body)
        {
            // The first cell names the row: a row header. Cells are HTML already (encoded by the caller).
            html.Append("<tr><th scope=\"row\">").Append(row[0]).Append("</th>");
            foreach (var cell in row.Skip(1))
            {
                html.Append("<td>").Append(cell).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text)
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return slug.ToString();
    }
}
