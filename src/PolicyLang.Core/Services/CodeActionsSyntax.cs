using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>The syntax a diagnostic sits in (its store, dataset, rule, ...), and edits that keep the layout tidy.</summary>
internal sealed class CodeActionsSyntax(PolicyCompilation compilation, Diagnostic diagnostic)
{
    private SourceFile File => diagnostic.File;

    private IEnumerable<DeclarationSyntax> Declarations =>
        compilation.Syntax.Where(s => s.Syntax.File.Path == File.Path).SelectMany(s => s.Syntax.Declarations);

    private bool Contains(SyntaxNode node) => node.Span.Start <= diagnostic.Span.Start && diagnostic.Span.End <= node.Span.End;

    public StoreDeclarationSyntax? Store() => Declarations.OfType<StoreDeclarationSyntax>().FirstOrDefault(Contains);

    public AuditDeclarationSyntax? Audit() => Declarations.OfType<AuditDeclarationSyntax>().FirstOrDefault(Contains);

    public DatasetDeclarationSyntax? Dataset() => Declarations.OfType<DatasetDeclarationSyntax>().FirstOrDefault(Contains);

    public RuleSyntax? Rule() => Dataset()?.Members.OfType<RuleSyntax>().FirstOrDefault(Contains);

    public RetainSyntax? Retain() => Dataset()?.Members.OfType<RetainSyntax>().FirstOrDefault(Contains);

    public T? Statement<T>()
        where T : ControlStatementSyntax =>
        Declarations.OfType<ControlsDeclarationSyntax>().SelectMany(c => c.Statements).OfType<T>().FirstOrDefault(Contains);

    /// <summary>Inserts a setting before the closing brace of a block spanning <paramref name="block"/>: on its own line when the block spans lines.</summary>
    public TextEdit InsertSetting(TextSpan block, string setting)
    {
        var close = block.End - 1;
        var lineStart = File.Text.LastIndexOf('\n', Math.Max(0, close - 1)) + 1;
        var closeOnOwnLine = string.IsNullOrWhiteSpace(File.Text[lineStart..close]) && File.Text[block.Start..close].Contains('\n', StringComparison.Ordinal);
        return closeOnOwnLine
            ? new TextEdit(File.Path, new TextSpan(lineStart, 0), $"  {setting}\n")
            : new TextEdit(File.Path, new TextSpan(close, 0), $"{(File.Text[close - 1] == ' ' ? string.Empty : " ")}{setting} ");
    }

    /// <summary>Removes <paramref name="span"/> with the blanks before it (<c>between 3 and 21 or null</c>).</summary>
    public TextEdit RemoveWithSpaceBefore(TextSpan span)
    {
        var start = span.Start;
        while (start > 0 && File.Text[start - 1] is ' ' or '\t')
        {
            start--;
        }

        return new TextEdit(File.Path, new TextSpan(start, span.End - start), string.Empty);
    }

    /// <summary>Removes a name from a comma-separated list with its comma (<c>to analyst, analyst</c>).</summary>
    public TextEdit RemoveListItem(TextSpan item)
    {
        var text = File.Text;
        var before = item.Start;
        while (before > 0 && char.IsWhiteSpace(text[before - 1]))
        {
            before--;
        }

        if (before > 0 && text[before - 1] == ',')
        {
            return new TextEdit(File.Path, new TextSpan(before - 1, item.End - (before - 1)), string.Empty);
        }

        var after = item.End;
        while (after < text.Length && char.IsWhiteSpace(text[after]))
        {
            after++;
        }

        return after < text.Length && text[after] == ','
            ? new TextEdit(File.Path, new TextSpan(item.Start, after + 1 - item.Start), string.Empty)
            : new TextEdit(File.Path, item, string.Empty);
    }

    /// <summary>Removes a statement; its whole line when nothing else is written on it.</summary>
    public TextEdit RemoveLine(TextSpan statement)
    {
        var text = File.Text;
        var lineStart = text.LastIndexOf('\n', Math.Max(0, statement.Start - 1)) + 1;
        var lineEnd = text.IndexOf('\n', statement.End);
        lineEnd = lineEnd < 0 ? text.Length : lineEnd + 1;
        var alone = string.IsNullOrWhiteSpace(text[lineStart..statement.Start]) && string.IsNullOrWhiteSpace(text[statement.End..lineEnd]);
        return alone ? new TextEdit(File.Path, new TextSpan(lineStart, lineEnd - lineStart), string.Empty) : RemoveWithSpaceBefore(statement);
    }
}
