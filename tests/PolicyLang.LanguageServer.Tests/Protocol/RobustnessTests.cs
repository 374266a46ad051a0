using System.Text;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using StreamJsonRpc;
using Xunit;

namespace PolicyLang.LanguageServer.Tests.Protocol;

/// <summary>
/// No input stops the server: damaged copies of every sample (the kinds of damage of Core's CrashFreedomFuzzTests, sent as
/// an editor sends them: incremental edits, some with positions outside the text) go through didChange, and after
/// each burst every request the server advertises must answer. Fixed seeds: a failure names its seed and edit.
/// </summary>
public sealed class RobustnessTests
{
    private const int EditsPerSample = 300;
    private const int EditsPerBurst = 15;

    private static readonly string[] Insertions =
    [
        "{", "}", "[", "]", "(", ")", ",", ":", ".", "<", ">=", "!=", "=", ";", "%", "\"", "-", "/", "/*", "*/", "//", "\\", "#", "@", "`",
        "é", "données", "😀", "\u200B", "\u202E", "\0", "\r", "\r\n", "\n", "\uFEFF", "\uD800", "ß", "\t", "日本",
        "-1", "0.0", "99999999999999999999", "2025-02-30", "150%", "\"\"", "env(\"\")", "now", "null",
        "dataset x in y table \"t\" {", "column a text pii", "expect a between 1 and", "store s postgres {", "controls cis-v8 { require 3.",
        new string('x', 3_000), string.Concat(Enumerable.Repeat("{[(", 500)),
    ];

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in PolicyLang.Testing.Samples.SingleFile.Select(PolicyLang.Testing.Samples.MainPath))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Damaging_edits_never_stop_the_server(string sample)
    {
        using var policy = TempPolicy.Empty();
        var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path, new { textDocument = new { documentSymbol = new { hierarchicalDocumentSymbolSupport = true } } });
        await using var _1 = session;
        var uri = policy.Uri("main.gov");
        var text = File.ReadAllText(RepositoryPaths.InRoot(sample));
        await session.OpenAsync(uri, text);
        var seed = Encoding.UTF8.GetBytes(sample).Aggregate(17, (h, b) => unchecked((h * 31) + b));
        var random = new Random(seed);
        var lines = text.Split('\n').Length;
        var version = 1;
        for (var edit = 0; edit < EditsPerSample; edit++)
        {
            var start = new Position(random.Next(-1, lines + 2), random.Next(-1, 120));
            var end = random.Next(4) == 0 ? start : new Position(start.Line + random.Next(0, 3), random.Next(0, 200));
            var inserted = random.Next(3) == 0 ? string.Empty : Insertions[random.Next(Insertions.Length)];
            if (random.Next(40) == 0)
            {
                await session.ReplaceAsync(uri, text[..random.Next(text.Length)], ++version);
            }
            else
            {
                await session.EditAsync(uri, ++version, new Range(start, end), inserted);
            }

            if (edit % EditsPerBurst == EditsPerBurst - 1)
            {
                await EveryRequestAnswers(session, uri, $"{sample} seed {seed} edit {edit}");
            }
        }

        var last = version;
        var published = await session.DiagnosticsAsync(uri, p => p.Version == last);
        Assert.All(published.Diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
        // Notification and diagnostics failures are only logged: none may have happened.
        Assert.DoesNotContain("error:", session.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_that_fails_answers_with_an_internal_error_and_the_server_goes_on()
    {
        await using var lab = await Lab.OpenAsync();
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => lab.Session.RequestAsync("textDocument/documentSymbol", new { }));
        Assert.Equal(ErrorCodes.InternalError, error.ErrorCode);
        Assert.Contains("textDocument/documentSymbol", error.Message, StringComparison.Ordinal);

        // Malformed notifications are logged, not fatal.
        await lab.Session.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = lab.Uri } });
        await lab.Session.NotifyAsync("textDocument/didOpen", new { });
        await lab.Session.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = "file:///never/opened.gov", version = 3 }, contentChanges = new[] { new { text = "x" } } });

        await EveryRequestAnswers(lab.Session, lab.Uri, "after malformed messages");
    }

    private static async Task EveryRequestAnswers(LanguageServerSession session, string uri, string where)
    {
        var document = new { uri };
        var requests = new (string Method, object Parameters)[]
        {
            ("textDocument/documentSymbol", new { textDocument = document }),
            ("textDocument/foldingRange", new { textDocument = document }),
            ("textDocument/semanticTokens/full", new { textDocument = document }),
            ("textDocument/formatting", new { textDocument = document, options = new { tabSize = 2, insertSpaces = true } }),
            ("workspace/symbol", new { query = "a" }),
        };
        foreach (var (method, parameters) in requests)
        {
            try
            {
                await session.RequestAsync(method, parameters).WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception e)
            {
                Assert.Fail($"{where}: {method} failed: {e.Message}\n{session.Log}");
            }
        }
    }
}
