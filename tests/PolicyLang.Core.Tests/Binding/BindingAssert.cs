using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>Compiles policy text and asserts diagnostics by the text they underline, never by raw offsets.</summary>
internal static class BindingAssert
{
    /// <summary>A fixed "today" so date checks (expired waivers) are reproducible.</summary>
    public static readonly DateOnly Today = new(2026, 1, 1);

    public static PolicyCompilation Compile(string text, string path = "main.gov") =>
        PolicyCompilation.Create([new SourceFile(path, text)], Today);

    /// <summary>Compiles a fragment the way catalogue examples are compiled (after the standard prelude unless it declares its own policy).</summary>
    public static PolicyCompilation CompileFragment(string fragment) => Compile(DiagnosticExamples.Complete(fragment));

    /// <summary>Asserts exactly one <paramref name="code"/> diagnostic, underlining exactly <paramref name="underlined"/>.</summary>
    public static Diagnostic AssertDiagnostic(string fragment, string code, string underlined, string? messageContains = null)
    {
        var compilation = CompileFragment(fragment);
        var matching = compilation.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(matching.Count == 1, $"expected one {code}, got {matching.Count}:\n{Describe(compilation.Diagnostics)}");
        var diagnostic = matching[0];
        Assert.Equal(underlined, diagnostic.File.GetText(diagnostic.Span));
        if (messageContains is not null)
        {
            Assert.Contains(messageContains, diagnostic.Message, StringComparison.Ordinal);
        }

        return diagnostic;
    }

    /// <summary>Asserts the fragment compiles without errors (warnings allowed).</summary>
    public static PolicyCompilation AssertNoErrors(string fragment)
    {
        var compilation = CompileFragment(fragment);
        Assert.False(compilation.HasErrors, Describe(compilation.Diagnostics));
        return compilation;
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join('\n', diagnostics.Select(d => $"{d} [{d.File.GetText(d.Span)}]"));
}
