using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Services;
using PolicyLang.Core.Tests.Support;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.Services;

/// <summary>Every diagnostic that suggests a fix offers it, and applying each fix clears that diagnostic.</summary>
public class CodeActionsServiceTests
{
    /// <summary>A policy fragment (compiled after the catalogue's prelude unless it declares its own policy) that produces the code.</summary>
    public static TheoryData<string, string> Fixable() => new()
    {
        { "GOV0001", "store s postgres { connection env(\"PG_URL\") tsl required }" },
        { "GOV0001", "dataset d in research table \"t\" { owner astro }" },
        { "GOV0003", "role auditor \"Auditors" },
        { "GOV0100", "classification a < b" },
        { "GOV0102", "policy \"p\" { version \"1\" owner \"o\" review every 90 days }\nstore s postgres { connection env(\"PG\") }\ndataset d in s table \"t\" { classification secret }" },
        { "GOV0108", "controls cis-v9 { require 3.1 }" },
        { "GOV0110", "policy \"p\" { version \"1\" owner \"o\" review every 90 days frameworks cis-v8, nist-csf-1.2 }\nclassification a" },
        { "GOV0111", "approval \"x\" role \"y\" on 27/07/2025 approved" },
        { "GOV0111", "change \"1\" on 2025/7/3 by \"me\" \"x\"" },
        { "GOV0113", "store s postgres { connection env(\"PG-URL\") }" },
        { "GOV0114", "backup b { covers research every wek keep 4 }" },
        { "GOV0116", "approval \"x\" role \"y\" on 2025-01-01 aproved" },
        { "GOV0119", "dataset d in reserch table \"t\" { }" },
        { "GOV0120", "store s postgress { connection env(\"PG\") }" },
        { "GOV0122", "store s postgres {\n  tls required\n}" },
        { "GOV0122", "store b s3 { region \"eu\" }" },
        { "GOV0123", "store s postgres { connection env(\"PG\") tls requird }" },
        { "GOV0124", "store s postgres { connection \"Host=db;Password=x\" }" },
        { "GOV0126", "store s postgres { connection PG_URL }" },
        { "GOV0126", "store b s3 { bucket archive2 }" },
        { "GOV0127", "audit { retain 1 year }" },
        { "GOV0128", "audit { store research }" },
        { "GOV0129", "store raw-data postgres { connection env(\"PG\") }\ndataset d in raw-data table \"t\" { }" },
        { "GOV0201", "dataset d in research table \"t\" { classification internl }" },
        { "GOV0202", "dataset d in research table \"t\" { column name text  expect nme not null }" },
        { "GOV0204", "dataset d in research table \"t\" { column name txt }" },
        { "GOV0205", "dataset d in research table \"t\" { expect a not null\n  expect a not null }" },
        { "GOV0206", "dataset d in research table \"t\" { expect a not null severity wran }" },
        { "GOV0207", "dataset d in research table \"t\" { expect a not null tolerance 5 }" },
        { "GOV0208", "dataset d in archive prefix \"p/\" { expect rows at least 1 }" },
        { "GOV0208", "dataset d in research table \"t\" { expect objects at least 1 }" },
        { "GOV0213", "dataset d in research table \"t\" { expect a not null or null }" },
        { "GOV0214", "dataset d in research table \"t\" { key id }\ndataset e in research table \"u\" { expect id references dd.id }" },
        { "GOV0217", "dataset d in research table \"t\" { expect a = abc }" },
        { "GOV0301", "dataset d in research table \"t\" { column at timestamptz  retain 30 days by last-modified then delete }" },
        { "GOV0302", "dataset d in archive prefix \"p/\" { retain 30 days by at then delete }" },
        { "GOV0303", "dataset d in research table \"t\" { column at timestamptz column n text  retain 30 days by n then delete }" },
        { "GOV0304", "dataset d in research table \"t\" { retain 30 days by at then archive to research as parquet then delete }" },
        { "GOV0305", "dataset d in research table \"t\" { retain 30 days by at then archive to archive as parqet then delete }" },
        { "GOV0306", "dataset d in archive prefix \"p/\" { retain 30 days by last-modified then anonymize name }" },
        { "GOV0307", "dataset d in research table \"t\" { mask a with sha265 }" },
        { "GOV0310", "dataset d in research table \"t\" { grant raed to analyst }" },
        { "GOV0311", "dataset d in research table \"t\" { grant read to analyts }" },
        { "GOV0312", "dataset d in research table \"t\" { grant read to analyst, analyst }" },
        { "GOV0313", "dataset d in research table \"t\" { expect a not null }\ntest d { row { a: 1 } fails a_not_nul }" },
        { "GOV0315", "dataset d in research table \"t\" { expect a not null }\ntest d { row { a: null } fails a_not_null, a_not_null }" },
        { "GOV0400", "controls cis-v8 { require 3.99 }" },
        { "GOV0404", "dataset d in research table \"t\" { owner \"o\" classification internal }\ncontrols cis-v8 { waive 3.2 \"covered anyway\" until 2099-01-01 }" },
        { "GOV0406", "controls cis-v8 { evidence 4.1 \"Hardened images\" }" },
    };

    [Theory]
    [MemberData(nameof(Fixable))]
    public void Each_fix_clears_its_diagnostic(string code, string fragment)
    {
        var compilation = Compile(DiagnosticExamples.Complete(fragment));
        var diagnostic = compilation.Diagnostics.FirstOrDefault(d => d.Code == code)
            ?? throw new InvalidOperationException($"the fragment does not produce {code}: {string.Join("; ", compilation.Diagnostics)}");
        var fixes = CodeActionsService.Fixes(compilation, diagnostic);
        Assert.True(fixes.Count > 0, $"no fix for {diagnostic}");
        foreach (var fix in fixes)
        {
            var fixedCompilation = Apply(compilation, fix.Edits);
            var before = compilation.Diagnostics.Count(d => d.Code == code);
            var after = fixedCompilation.Diagnostics.Count(d => d.Code == code);
            Assert.True(after < before, $"`{fix.Title}` left {code}:\n{fixedCompilation.Syntax[0].Syntax.File.Text}\n{string.Join("\n", fixedCompilation.Diagnostics)}");
        }
    }

    [Fact]
    public void Every_catalogue_diagnostic_whose_message_suggests_a_fix_offers_one()
    {
        foreach (var descriptor in DiagnosticCatalog.All.Where(d => string.CompareOrdinal(d.Code, "GOV0500") < 0))
        {
            var compilation = Compile(DiagnosticExamples.Complete(descriptor.Example));
            foreach (var diagnostic in compilation.Diagnostics.Where(d => d.Code == descriptor.Code && SuggestsFix(d.Message)))
            {
                Assert.True(CodeActionsService.Fixes(compilation, diagnostic).Count > 0, $"no fix for {diagnostic}");
            }
        }
    }

    private static bool SuggestsFix(string message) =>
        new[] { "did you mean `", "; write `", "write it in quotes", "remove `", "use `delete`" }.Any(s => message.Contains(s, StringComparison.Ordinal));

    [Theory]
    [InlineData("07/08/2025")]
    [InlineData("31/02/2025")]
    [InlineData("2025-02-30")]
    public void Ambiguous_or_impossible_dates_get_no_fix(string date)
    {
        var compilation = Compile(DiagnosticExamples.Complete($"approval \"x\" role \"y\" on {date} approved"));
        Assert.Empty(CodeActionsService.Fixes(compilation, compilation.Diagnostics.First(d => d.Code == "GOV0111")));
    }

    [Fact]
    public void Code_actions_are_found_by_range()
    {
        var text = DiagnosticExamples.Complete("dataset d in research table \"t\" { classification internl }");
        var compilation = Compile(text);
        var at = text.IndexOf("internl", StringComparison.Ordinal);
        var actions = CodeActionsService.GetCodeActions(compilation, "lab.gov", new TextSpan(at + 2, 0));
        var action = Assert.Single(actions);
        Assert.Equal("Change to `internal`", action.Title);
        Assert.Equal("GOV0201", action.Diagnostic!.Code);
    }

    [Fact]
    public void Controls_block_offers_to_require_covered_safeguards()
    {
        var text = Support.Compile.LabText();
        var at = text.IndexOf("require 3.1", StringComparison.Ordinal);
        var compilation = Support.Compile.Lab();
        var actions = CodeActionsService.GetCodeActions(compilation, "lab.gov", new TextSpan(at, 0));
        var require = Assert.Single(actions, a => a.Title.StartsWith("Require 3.5 ", StringComparison.Ordinal));
        var after = Apply(compilation, require.Edits);
        Assert.Contains(after.Coverage.Safeguards, s => s.Id == "3.5" && s.Required);
        Assert.Equal(compilation.Diagnostics.Select(d => d.Code), after.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Retention_without_a_key_offers_to_declare_one()
    {
        var text = DiagnosticExamples.Complete("dataset d in research table \"t\" {\n  column id bigint not null\n  column at timestamptz\n  column code text\n  expect code unique\n  retain 30 days by at then delete\n}");
        var compilation = Compile(text);
        var actions = CodeActionsService.GetCodeActions(compilation, "lab.gov", new TextSpan(text.IndexOf("retain", StringComparison.Ordinal) + 3, 0));
        Assert.Equal(["Declare `key code`", "Declare `key id`"], actions.Select(a => a.Title));
        var keyed = Apply(compilation, actions[1].Edits);
        Assert.Equal("id", keyed.Bound.FindDataset("d")!.Key);
        Assert.Contains("  key id\n  retain 30 days", keyed.Syntax[0].Syntax.File.Text, StringComparison.Ordinal);
        Assert.Empty(keyed.Diagnostics);
    }

    [Fact]
    public void A_collection_can_be_keyed_by_its_id_and_a_keyed_dataset_is_offered_nothing()
    {
        var collection = DiagnosticExamples.Complete("store t mongodb { connection env(\"M\") }\ndataset d in t collection \"c\" { retain 30 days by at then delete }");
        var actions = CodeActionsService.GetCodeActions(Compile(collection), "lab.gov", new TextSpan(collection.IndexOf("retain", StringComparison.Ordinal), 0));
        Assert.Equal(["Declare `key _id`"], actions.Select(a => a.Title));
        var lab = Support.Compile.LabText();
        Assert.Empty(CodeActionsService.GetCodeActions(Support.Compile.Lab(), "lab.gov", new TextSpan(lab.IndexOf("retain 30 days", StringComparison.Ordinal), 0)));
    }

    [Fact]
    public void Invalid_name_fix_renames_every_use()
    {
        var compilation = Compile(DiagnosticExamples.Complete("store raw-data postgres { connection env(\"PG\") }\ndataset d in raw-data table \"t\" { }"));
        var fix = Assert.Single(CodeActionsService.Fixes(compilation, compilation.Diagnostics.First(d => d.Code == "GOV0129")));
        Assert.Equal(2, fix.Edits.Count);
        Assert.DoesNotContain(Apply(compilation, fix.Edits).Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    private static PolicyCompilation Compile(string text) => Support.Compile.Text(text);

    internal static PolicyCompilation Apply(PolicyCompilation compilation, IReadOnlyList<TextEdit> edits) =>
        PolicyCompilation.Create(
            [.. compilation.Syntax.Select(s => s.Syntax.File).Select(f => new SourceFile(f.Path, TextEdits.Apply(f.Text, edits.Where(e => e.Path == f.Path))))],
            Support.Compile.Today);
}
