using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.Benchmarks.LanguageServer;

/// <summary>
/// The edit the harness types: a column name in an <c>expect</c> line misspelled, then put right, again and again.
/// Every edit changes the diagnostics (an unknown column appears, then goes), so each publish is the edit's own.
/// </summary>
internal sealed class Typo
{
    private const string Right = "band";
    private const string Wrong = "bnad";
    private readonly PolicyLang.LanguageServer.Protocol.Range range;
    private bool misspelled;

    /// <summary>At the <c>expect band</c> nearest to the middle of <paramref name="text"/> (ASCII there: UTF-16 columns are char offsets).</summary>
    public Typo(string text)
    {
        var offset = text.IndexOf("expect " + Right, text.Length / 2, StringComparison.Ordinal);
        if (offset < 0)
        {
            offset = text.IndexOf("expect " + Right, StringComparison.Ordinal);
        }

        if (offset < 0)
        {
            throw new InvalidOperationException("the policy has no `expect band` line to edit");
        }

        offset += "expect ".Length;
        var line = text.AsSpan(0, offset).Count('\n');
        var character = offset - (text.LastIndexOf('\n', offset - 1) + 1);
        range = new(new Position(line, character), new Position(line, character + Right.Length));
        Line = line + 1;
    }

    /// <summary>The 1-based line edited.</summary>
    public int Line { get; }

    /// <summary>The next edit: the range of the column name and its new spelling.</summary>
    public (PolicyLang.LanguageServer.Protocol.Range Range, string Text) Next()
    {
        misspelled = !misspelled;
        return (range, misspelled ? Wrong : Right);
    }
}
