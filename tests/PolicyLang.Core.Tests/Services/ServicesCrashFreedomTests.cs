using System.Text.RegularExpressions;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Services;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.Services;

/// <summary>
/// Every service on damaged copies of the lab (fixed seed): no exception at any position, and every fix's edits lie
/// inside the text, do not overlap, and compile.
/// </summary>
public partial class ServicesCrashFreedomTests
{
    private const int Mutants = 120;

    private static readonly string[] Inserts = ["{", "}", "(", ")", "[", "]", ",", ".", ":", "<", "\"", "/*", "//", "données", "🔭", "expect", "store", "references", "3.", "-", "\n"];

    [Fact]
    public void Services_answer_on_damaged_policies()
    {
        var lab = Support.Compile.LabText();
        var random = new Random(20261203);
        for (var i = 0; i < Mutants; i++)
        {
            var text = Mutate(random, lab);
            var compilation = Support.Compile.Text(text);
            foreach (var diagnostic in compilation.Diagnostics)
            {
                foreach (var fix in CodeActionsService.Fixes(compilation, diagnostic))
                {
                    AssertApplicable(text, fix.Edits, $"{fix.Title} for {diagnostic}");
                }
            }

            for (var probe = 0; probe < 25; probe++)
            {
                var offset = random.Next(text.Length + 1);
                CompletionService.GetCompletions(compilation, "lab.gov", offset);
                HoverService.GetHover(compilation, "lab.gov", offset);
                NavigationService.GetDefinition(compilation, "lab.gov", offset);
                NavigationService.FindReferences(compilation, "lab.gov", offset, includeDeclaration: true);
                NavigationService.PrepareRename(compilation, "lab.gov", offset);
                foreach (var action in CodeActionsService.GetCodeActions(compilation, "lab.gov", new TextSpan(offset, 0)))
                {
                    AssertApplicable(text, action.Edits, action.Title);
                }
            }

            var renameAt = random.Next(text.Length + 1);
            var result = NavigationService.Rename(compilation, "lab.gov", renameAt, "renamed_name");
            AssertApplicable(text, result.Edits, "rename");
        }
    }

    private static void AssertApplicable(string text, IReadOnlyList<TextEdit> edits, string what)
    {
        var spans = edits.Where(e => e.Path == "lab.gov").Select(e => e.Span).OrderBy(s => s.Start).ToList();
        Assert.All(spans, s => Assert.True(s.Start >= 0 && s.End <= text.Length, $"{what}: {s} outside the text"));
        for (var i = 1; i < spans.Count; i++)
        {
            Assert.True(spans[i - 1].End <= spans[i].Start || spans[i - 1].Length == 0 && spans[i].Length == 0, $"{what}: overlapping edits");
        }

        PolicyCompilation.Create([new SourceFile("lab.gov", TextEdits.Apply(text, edits.Where(e => e.Path == "lab.gov")))], Support.Compile.Today);
    }

    private static string Mutate(Random random, string text)
    {
        var tokens = Token().Matches(text).Select(m => m.Value).ToList();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(tokens.Count);
            switch (random.Next(4))
            {
                case 0:
                    tokens.RemoveAt(at);
                    break;
                case 1:
                    tokens.Insert(at, tokens[at]);
                    break;
                case 2:
                    tokens.Insert(at, Inserts[random.Next(Inserts.Length)]);
                    break;
                default:
                    var joined = string.Concat(tokens);
                    var start = random.Next(joined.Length);
                    tokens = Token().Matches(joined.Remove(start, random.Next(0, Math.Min(80, joined.Length - start) + 1))).Select(m => m.Value).ToList();
                    break;
            }
        }

        return string.Concat(tokens);
    }

    [GeneratedRegex(@"\s+|""(?:[^""\\\n]|\\.)*""|[A-Za-z_][\w\-.]*|\d[\d.\-%]*|.", RegexOptions.Singleline)]
    private static partial Regex Token();
}
