using System.Collections;
using System.Reflection;
using System.Text;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Syntax;

/// <summary>An indented dump of a syntax tree with line:column spans, used by the syntax baselines and `policyc parse`.</summary>
public static class SyntaxPrinter
{
    public static string Print(PolicyFileSyntax file)
    {
        var builder = new StringBuilder();
        foreach (var declaration in file.Declarations)
        {
            Write(builder, file.File, declaration, 0);
        }

        return builder.ToString();
    }

    private static void Write(StringBuilder builder, SourceFile file, SyntaxNode node, int depth)
    {
        var indent = new string(' ', depth * 2);
        var start = file.GetPosition(node.Span.Start);
        var end = file.GetPosition(node.Span.End);
        var name = node.GetType().Name.Replace("Syntax", string.Empty, StringComparison.Ordinal);
        builder.Append(indent).Append(name).Append(" @").Append(start.Line).Append(':').Append(start.Column)
            .Append('-').Append(end.Line).Append(':').Append(end.Column);
        var children = new List<(string Name, object Value)>();
        foreach (var property in Properties(node.GetType()))
        {
            var value = property.GetValue(node);
            switch (value)
            {
                case null:
                case TextSpan:
                    break;
                case string or bool or Enum:
                    builder.Append(' ').Append(property.Name).Append('=').Append(Quote(value));
                    break;
                case IdentifierSyntax identifier:
                    builder.Append(' ').Append(property.Name).Append('=').Append(identifier.Name);
                    break;
                case SourceFile:
                    break;
                default:
                    children.Add((property.Name, value));
                    break;
            }
        }

        builder.AppendLine();
        foreach (var (childName, value) in children)
        {
            if (value is SyntaxNode child)
            {
                builder.Append(indent).Append("  ").Append(childName).AppendLine(":");
                Write(builder, file, child, depth + 2);
            }
            else if (value is IEnumerable list and not string)
            {
                // Lists of plain values (a skipped part's words) are not shown.
                var items = list.Cast<object>().Where(i => i is SyntaxNode or SkippedMember).ToList();
                if (items.Count == 0)
                {
                    continue;
                }

                builder.Append(indent).Append("  ").Append(childName).AppendLine(":");
                foreach (var item in items)
                {
                    if (item is SyntaxNode itemNode)
                    {
                        Write(builder, file, itemNode, depth + 2);
                    }
                    else if (item is SkippedMember skipped)
                    {
                        WriteSkipped(builder, file, skipped, depth + 2);
                    }
                }
            }
        }
    }

    private static void WriteSkipped(StringBuilder builder, SourceFile file, SkippedMember skipped, int depth)
    {
        var start = file.GetPosition(skipped.Span.Start);
        var end = file.GetPosition(skipped.Span.End);
        builder.Append(new string(' ', depth * 2)).Append("Skipped @").Append(start.Line).Append(':').Append(start.Column)
            .Append('-').Append(end.Line).Append(':').Append(end.Column);
        if (skipped.Keyword is not null)
        {
            builder.Append(" Keyword=").Append(Quote(skipped.Keyword));
        }

        if (skipped.Name is not null)
        {
            builder.Append(" Name=").Append(Quote(skipped.Name));
        }

        builder.AppendLine();
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name is not ("Span" or "EqualityContract") && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.DeclaringType == typeof(DeclarationSyntax)) // what a declaration holds first, then what it skipped
            .ThenBy(p => p.MetadataToken);

    private static string Quote(object value) => value is string s ? $"\"{s.Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"" : value.ToString()!;
}
