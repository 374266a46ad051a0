using System.Text;
using System.Text.RegularExpressions;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Emit;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Tests.Baselines;
using PolicyLang.Core.Tests.Formatting;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.FrontEnd;

/// <summary>
/// Damaged copies of every sample (tokens deleted, duplicated, swapped; text truncated; punctuation,
/// unicode, huge names and numbers, deep nesting inserted; files split in two) go through the whole
/// front end. Fixed seeds: a failure names its seed and case, and reruns identically. Each case must
/// finish, throw nothing, and locate every diagnostic inside one of its files.
/// </summary>
public sealed partial class CrashFreedomFuzzTests
{
    private const int MutationsPerSample = 500;
    private const int TruncationStep = 17;
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(10);

    private static readonly string[] Punctuation = ["{", "}", "[", "]", "(", ")", ",", ":", ".", "<", ">=", "!=", "=", ";", "%", "\"", "-", "/", "/*", "*/", "//", "\\", "#", "@", "`"];

    private static readonly string[] Foreign = ["é", "données", "😀", "\u200B", "\u202E", "\0", "\r", "\uFEFF", "\uD800", "ß", "\t", "日本"];

    private static readonly string[] Values = ["-1", "0", "0.0", "1e5", "99999999999999999999", "1" + new string('0', 400), "2025-02-30", "27/07/2025", "9999-12-31", "150%", "-5%", "\"\"", "env(\"\")", "now", "null"];

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var name in SampleBaselineTests.Cases())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_truncation_of_a_sample_is_handled(string sample)
    {
        var text = SampleBaselineTests.LoadSample(sample).Text;
        for (var length = 0; length <= text.Length; length += TruncationStep)
        {
            AssertHandled($"{sample} cut at {length}", [new SourceFile("main.gov", text[..length])]);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Random_mutations_of_a_sample_are_handled(string sample)
    {
        var text = SampleBaselineTests.LoadSample(sample).Text;
        var seed = StableSeed(sample);
        var random = new Random(seed);
        for (var i = 0; i < MutationsPerSample; i++)
        {
            var (kind, mutated) = Mutate(random, text);
            var files = random.Next(5) == 0 ? SplitInTwo(random, mutated) : [new SourceFile("main.gov", mutated)];
            AssertHandled($"{sample} seed {seed} case {i} ({kind})", files);
        }
    }

    [Theory]
    [InlineData("{", "}")]
    [InlineData("[", "]")]
    [InlineData("(", ")")]
    [InlineData("dataset d in s table \"t\" {", "}")]
    [InlineData("expect x in [", "]")]
    public void Deep_nesting_is_handled(string open, string close)
    {
        const int depth = 20_000;
        var text = "policy \"p\" { version \"1\" }\nclassification public\ndataset d in s table \"t\" { expect x in "
            + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + " }";
        AssertHandled($"nesting {open}", [new SourceFile("main.gov", text)]);
    }

    [Fact]
    public void Huge_names_are_handled()
    {
        var name = new string('a', 200_000);
        var other = new string('a', 199_999) + "b";
        var text = $"policy \"p\" {{ version \"1\" }}\nclassification public\nrole {name} \"r\"\nstore s duckdb {{ file \"x\" }}\ndataset d in s table \"t\" {{ column {name} text expect {other} unique grant read to {other} }}";
        AssertHandled("huge names", [new SourceFile("main.gov", text)]);
    }

    private static void AssertHandled(string name, IReadOnlyList<SourceFile> files)
    {
        var run = Task.Run(() => Handle(files));
        try
        {
            Assert.True(run.Wait(CaseLimit), $"{name}: did not finish within {CaseLimit.TotalSeconds} s");
        }
        catch (AggregateException e)
        {
            Assert.Fail($"{name}: {e.InnerException}");
        }
    }

    /// <summary>Everything a host does with a policy: compile, print the syntax, format it (the formatter's properties must hold), emit C# when it checks cleanly.</summary>
    private static void Handle(IReadOnlyList<SourceFile> files)
    {
        var compilation = PolicyCompilation.Create(files, FrontEndAssert.Today);
        foreach (var syntax in compilation.Syntax)
        {
            SyntaxPrinter.Print(syntax.Syntax);
            FormatterProperties.AssertHold(syntax.Syntax.File);
        }

        foreach (var diagnostic in compilation.Diagnostics)
        {
            AssertLocated(files, diagnostic);
        }

        if (!compilation.HasErrors)
        {
            EnforcementEmitter.Emit(compilation.Bound, new EmitOptions("fuzz", "FuzzPolicy"), ControlEmitInfos.From(compilation.Coverage));
        }
    }

    private static void AssertLocated(IReadOnlyList<SourceFile> files, Diagnostic diagnostic)
    {
        var where = $"{diagnostic} at {diagnostic.Span}";
        Assert.True(files.Any(f => ReferenceEquals(f, diagnostic.File)), $"{where}: not in a given file");
        Assert.True(diagnostic.Span.Start >= 0 && diagnostic.Span.Length >= 0 && diagnostic.Span.End <= diagnostic.File.Text.Length, $"{where}: span outside the file");
        Assert.InRange(diagnostic.Start.Line, 1, diagnostic.File.LineCount);
        Assert.True(diagnostic.Start.Column >= 1, where);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message), where);
        Assert.DoesNotContain('\n', diagnostic.Message);
    }

    private static (string Kind, string Text) Mutate(Random random, string text)
    {
        var tokens = TokenPattern().Matches(text).Select(m => m.Value).ToList();
        var at = random.Next(tokens.Count);
        switch (random.Next(9))
        {
            case 0:
                tokens.RemoveAt(at);
                return ("delete token", Join(tokens));
            case 1:
                tokens.Insert(at, tokens[at]);
                return ("duplicate token", Join(tokens));
            case 2 when at + 2 < tokens.Count:
                (tokens[at], tokens[at + 2]) = (tokens[at + 2], tokens[at]);
                return ("swap tokens", Join(tokens));
            case 3:
                tokens.Insert(at, Pick(random, Punctuation));
                return ("insert punctuation", Join(tokens));
            case 4:
                tokens.Insert(at, Pick(random, Foreign));
                return ("insert unicode", Join(tokens));
            case 5:
                tokens[at] = new string('x', random.Next(1, 5_000));
                return ("long identifier", Join(tokens));
            case 6:
                // Values replace values (numbers, dates, strings), so the rest of the policy may still check cleanly and reach Emit.
                var values = tokens.Select((t, i) => (t, i)).Where(x => char.IsAsciiDigit(x.t[0]) || x.t[0] == '"').Select(x => x.i).ToList();
                tokens[values.Count > 0 ? values[random.Next(values.Count)] : at] = Pick(random, Values);
                return ("replace value", Join(tokens));
            case 7:
                var nesting = random.Next(1, 2_000);
                tokens.Insert(at, string.Concat(Enumerable.Repeat(Pick(random, ["{", "[", "(", "}"]), nesting)));
                return ("nesting", Join(tokens));
            default:
                var start = random.Next(text.Length);
                return ("cut slice", text.Remove(start, random.Next(0, Math.Min(60, text.Length - start) + 1)));
        }
    }

    private static IReadOnlyList<SourceFile> SplitInTwo(Random random, string text)
    {
        var cut = random.Next(text.Length + 1);
        return [new SourceFile("b/second.gov", text[cut..]), new SourceFile("a/first.gov", text[..cut])];
    }

    private static string Join(List<string> tokens) => string.Concat(tokens);

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    // A seed per sample that does not change between runs (string.GetHashCode does).
    private static int StableSeed(string sample) => Encoding.UTF8.GetBytes(sample).Aggregate(17, (h, b) => unchecked((h * 31) + b));

    // Whitespace, words, strings, or one other character: mutations keep most of the policy recognisable.
    [GeneratedRegex("""\s+|[A-Za-z_][\w-]*|"[^"\n]*"|\d[\d.%-]*|.""")]
    private static partial Regex TokenPattern();
}
