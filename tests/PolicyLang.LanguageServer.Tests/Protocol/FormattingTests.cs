using System.Text.Json;
using PolicyLang.Core.Formatting;
using PolicyLang.Core.Text;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using Xunit;

namespace PolicyLang.LanguageServer.Tests.Protocol;

public sealed class FormattingTests
{
    private const string Messy = "// keep me\nrole   r\t\"R\"   // and me\r\nstore s duckdb {file \"x.duckdb\"}\r\n\r\n\r\n";

    [Fact]
    public async Task Formatting_gives_the_text_policyc_fmt_writes_and_keeps_comments()
    {
        using var policy = TempPolicy.Empty();
        var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path);
        await using var _1 = session;
        var uri = policy.Uri("main.gov");
        await session.OpenAsync(uri, Messy);

        var edits = (await session.RequestAsync("textDocument/formatting", new { textDocument = new { uri }, options = new { tabSize = 4, insertSpaces = true } }))
            .Deserialize<List<TextEdit>>(Rpc.ProtocolJson.Options)!;

        var expected = PolicyFormatter.Format(new SourceFile("main.gov", Messy)).Text!;
        Assert.NotEqual(Messy, expected);
        Assert.Equal(expected, Apply(Messy, Assert.Single(edits)));
        Assert.Contains("// keep me", expected, StringComparison.Ordinal);
        Assert.Contains("// and me", expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_formatted_file_gets_no_edits_and_a_file_with_syntax_errors_is_left_alone()
    {
        using var policy = TempPolicy.Empty();
        var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path);
        await using var _1 = session;
        var uri = policy.Uri("main.gov");
        var formatted = PolicyFormatter.Format(new SourceFile("main.gov", Messy)).Text!;
        await session.OpenAsync(uri, formatted);
        var none = await session.RequestAsync("textDocument/formatting", new { textDocument = new { uri }, options = new { tabSize = 2, insertSpaces = true } });
        Assert.Equal(0, none.GetArrayLength());

        await session.ReplaceAsync(uri, "store s duckdb {  file \"x\"\n", 2);
        var broken = await session.RequestAsync("textDocument/formatting", new { textDocument = new { uri }, options = new { tabSize = 2, insertSpaces = true } });
        Assert.Equal(System.Text.Json.JsonValueKind.Null, broken.ValueKind);
    }

    /// <summary>Applies one edit as a client does, with positions counted in UTF-16 on \n, \r\n or \r separated lines.</summary>
    private static string Apply(string text, TextEdit edit)
    {
        var lines = new Workspace.TextLines(text);
        var start = lines.ToOffset(edit.Range.Start, Workspace.PositionEncoding.Utf16);
        var end = lines.ToOffset(edit.Range.End, Workspace.PositionEncoding.Utf16);
        return text[..start] + edit.NewText + text[end..];
    }
}
