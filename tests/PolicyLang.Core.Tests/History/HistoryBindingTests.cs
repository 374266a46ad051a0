using PolicyLang.Core.Emit;
using PolicyLang.Core.Formatting;
using PolicyLang.Core.Services;
using PolicyLang.Core.Text;
using Xunit;
using static PolicyLang.Core.Tests.Binding.BindingAssert;

namespace PolicyLang.Core.Tests.History;

/// <summary>The <c>history</c> block (GOV0140–GOV0145): binding, defaults per store kind, formatting, emitted model and editor services.</summary>
public sealed class HistoryBindingTests
{
    private const string Stores =
        "store lake mongodb { connection env(\"MONGO_URL\") }\nstore local duckdb { file \"x.duckdb\" }\nstore files folder { path \"files\" }\n";

    [Theory]
    [InlineData("history { table \"runs\" }", "GOV0140", "history")]
    [InlineData("history { store archive }", "GOV0141", "archive")]
    [InlineData("history { store research collection \"runs\" }", "GOV0142", "collection")]
    [InlineData("history { store lake table \"runs\" }", "GOV0142", "table")]
    [InlineData("history { store files table \"runs\" }", "GOV0142", "table")]
    [InlineData("history { store local path \"runs.jsonl\" }", "GOV0142", "path")]
    [InlineData("history { store research table \"a\" collection \"b\" }", "GOV0142", "collection")]
    [InlineData("history { store research }\nhistory { store local }", "GOV0143", "history")]
    [InlineData("history { store research table \"runs; drop table x\" }", "GOV0144", "\"runs; drop table x\"")]
    [InlineData("history { store research table \"a.b.c\" }", "GOV0144", "\"a.b.c\"")]
    [InlineData("history { store lake collection \"system.runs\" }", "GOV0144", "\"system.runs\"")]
    [InlineData("history { store lake collection \"a$b\" }", "GOV0144", "\"a$b\"")]
    [InlineData("history { store files path \"../outside.jsonl\" }", "GOV0144", "\"../outside.jsonl\"")]
    [InlineData("history { store files path \"/var/log/runs.jsonl\" }", "GOV0144", "\"/var/log/runs.jsonl\"")]
    [InlineData("history { store files path \"runs/\" }", "GOV0144", "\"runs/\"")]
    [InlineData("dataset runs in research table \"public.runs\" { }\nhistory { store research table \"runs\" }", "GOV0145", "table \"runs\"")]
    [InlineData("audit { store local table \"audit_log\" }\nhistory { store local table \"audit_log\" }", "GOV0145", "table \"audit_log\"")]
    [InlineData("history { store nowhere }", "GOV0119", "nowhere")]
    [InlineData("history { store research store local }", "GOV0109", "store")]
    public void Reports(string fragment, string code, string underlined) => AssertDiagnostic(Stores + fragment, code, underlined);

    [Theory]
    [InlineData("history { store research }", "research", "table", "governance.check_results")]
    [InlineData("history { store research table \"ops.run_history\" }", "research", "table", "ops.run_history")]
    [InlineData("history { store local }", "local", "table", "policylang_history")]
    [InlineData("history { store lake }", "lake", "collection", "policylang_history")]
    [InlineData("history { store lake collection \"runs\" }", "lake", "collection", "runs")]
    [InlineData("history { store files }", "files", "path", "history.jsonl")]
    [InlineData("history { store files path \"ops/lab.jsonl\" }", "files", "path", "ops/lab.jsonl")]
    public void Binds_the_store_and_location_with_defaults_per_kind(string fragment, string store, string kind, string location)
    {
        var history = AssertNoErrors(Stores + fragment).Bound.History;
        Assert.NotNull(history);
        Assert.Equal((store, kind, location), (history.Store.Name, history.LocationKind, history.Location));
    }

    [Fact]
    public void A_policy_without_the_block_keeps_no_history() => Assert.Null(AssertNoErrors(Stores).Bound.History);

    [Fact]
    public void The_block_may_be_in_any_file_of_the_policy()
    {
        var compilation = Core.Compilation.PolicyCompilation.Create(
            [new SourceFile("a.gov", Core.Diagnostics.DiagnosticExamples.Complete(Stores)), new SourceFile("ops.gov", "history { store files }\n")], Today);
        Assert.False(compilation.HasErrors, Describe(compilation.Diagnostics));
        Assert.Equal("files", compilation.Bound.History?.Store.Name);
    }

    [Fact]
    public void The_emitted_model_carries_the_history_target()
    {
        var compilation = AssertNoErrors(Stores + "history { store lake collection \"runs\" }");
        var emitted = EnforcementEmitter.Emit(compilation.Bound, new EmitOptions("p", "PPolicy"), []);
        Assert.Contains("History = new HistoryModel(\"lake\", \"collection\", \"runs\")", emitted.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Formatting_lays_the_block_out_like_the_audit_block_and_round_trips()
    {
        var source = new SourceFile("h.gov", Core.Diagnostics.DiagnosticExamples.Complete("history {   store research\n   table   \"ops.runs\" }\n"));
        var formatted = PolicyFormatter.Format(source).Text ?? throw new Xunit.Sdk.XunitException("syntax errors");
        Assert.Contains("history {\n  store research\n  table \"ops.runs\"\n}\n", formatted, StringComparison.Ordinal);
        Assert.Equal(formatted, PolicyFormatter.Format(new SourceFile("h.gov", formatted)).Text);
        Formatting.FormatterProperties.AssertHold(source);
    }

    [Fact]
    public void Every_history_keyword_is_documented_for_hover_and_completion()
    {
        Assert.Contains(KeywordDocs.Declarations, d => d.Keyword == "history");
        foreach (var setting in new[] { "store", "table", "collection", "path" })
        {
            Assert.Contains(KeywordDocs.Settings, d => d.Keyword == setting && d.Block == BlockKind.History);
        }
    }
}
