using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Emit;
using PolicyLang.Core.Formatting;
using PolicyLang.Core.Text;
using Xunit;
using static PolicyLang.Core.Tests.Binding.BindingAssert;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>Composite keys and rules over several columns (docs/composite-keys.md; GOV0230–GOV0232 and the shared checks).</summary>
public class CompositeKeyTests
{
    private const string Runs =
        "dataset runs in research table \"runs\" {\n  column run_id text\n  column lane integer\n  column started timestamp\n  key run_id, lane\n}\n";

    private static string Frames(string members) =>
        Runs + "dataset frames in research table \"frames\" {\n  column id bigint\n  column run_id varchar(20)\n  column lane bigint\n  column taken timestamp\n  key id\n"
        + members + "\n}";

    [Theory]
    [InlineData("expect (run_id, lane) unique")]
    [InlineData("expect (run_id, lane) references runs.(run_id, lane)")]
    [InlineData("expect (run_id, lane, taken) unique tolerance 1% severity warn covers 3.2 as triple")]
    [InlineData("expect (lane) unique expect (run_id) references runs.(run_id)")]
    [InlineData("expect (run_id, lane) references runs.(run_id, lane) as a expect (lane, run_id) references runs.(lane, run_id) as b")]
    public void Well_formed_rules_bind(string rule) => AssertNoErrors(Frames(rule));

    [Theory]
    [InlineData("expect (run_id, run_id) unique", "GOV0230", "run_id", "already in this rule's list")]
    [InlineData("expect (run_id, lane) references runs.(run_id, run_id)", "GOV0230", "run_id", "already a target column")]
    [InlineData("expect (run_id, lane) references runs.(run_id)", "GOV0231", "runs.(run_id)", "2 columns")]
    [InlineData("expect (run_id, lane) references runs.run_id", "GOV0231", "runs.run_id", "2 columns")]
    [InlineData("expect run_id references runs.(run_id, lane)", "GOV0231", "runs.(run_id, lane)", "one column")]
    [InlineData("expect (run_id, taken) references runs.(run_id, lane)", "GOV0232", "lane", "`taken` holds")]
    [InlineData("expect (run_id, lane) references runs.(run_id, started)", "GOV0232", "started", "`lane` holds")]
    [InlineData("expect (run_id, nope) unique", "GOV0202", "nope", null)]
    [InlineData("expect (run_id, lane) references runs.(run_id, nope)", "GOV0202", "nope", null)]
    [InlineData("expect (run_id, lane) references nowhere.(run_id, lane)", "GOV0214", "nowhere", null)]
    [InlineData("expect (run_id, lane) unique where lane > 1", "GOV0220", "where", null)]
    public void Reports(string rule, string code, string underlined, string? message) => AssertDiagnostic(Frames(rule), code, underlined, message);

    [Fact]
    public void A_key_column_listed_twice_is_reported_once_and_kept_once()
    {
        var diagnostic = AssertDiagnostic(Runs.Replace("key run_id, lane", "key run_id, lane, run_id", StringComparison.Ordinal), "GOV0230", "run_id");
        Assert.Contains("already a column of the key", diagnostic.Message);
    }

    [Fact]
    public void A_composite_key_and_rules_bind_to_lists_and_default_names()
    {
        var bound = AssertNoErrors(Frames("expect (run_id, lane) unique\nexpect (run_id, lane) references runs.(run_id, lane)\nexpect (lane) unique")).Bound;
        var runs = bound.FindDataset("runs")!;
        Assert.Null(runs.Key);
        Assert.Equal(["run_id", "lane"], runs.KeyColumns);
        Assert.Equal("run_id, lane", runs.KeyText);
        var frames = bound.FindDataset("frames")!;
        Assert.Equal("id", frames.Key);
        Assert.Equal(["id"], frames.KeyColumns);
        Assert.Equal(["run_id_lane_unique", "run_id_lane_references", "lane_unique"], frames.Rules.Select(r => r.Name));
        Assert.Null(frames.Rules[0].Column);
        Assert.Equal(["run_id", "lane"], frames.Rules[0].Columns);
        Assert.Equal(["run_id", "lane"], frames.Rules[1].TargetColumns);
        Assert.Equal("runs", frames.Rules[1].TargetDataset);
        Assert.Equal("lane", frames.Rules[2].Column);
        Assert.Equal("(run_id, lane) references runs.(run_id, lane)", frames.Rules[1].Describe());
        Assert.Equal("(run_id, lane) unique", frames.Rules[0].Describe());
    }

    [Fact]
    public void Retention_needs_no_other_key_and_may_not_anonymize_a_key_column()
    {
        AssertNoErrors(Runs.Replace("key run_id, lane", "key run_id, lane\n  retain 1 year by started then delete", StringComparison.Ordinal));
        var anonymized = AssertDiagnostic(
            Runs.Replace("key run_id, lane", "key run_id, lane\n  retain 1 year by started then anonymize lane", StringComparison.Ordinal), "GOV0318", "lane");
        Assert.Contains("a column of the key", anonymized.Message);
    }

    [Fact]
    public void The_emitted_model_carries_the_lists_only_for_composite_forms()
    {
        var compilation = AssertNoErrors(Frames("expect (run_id, lane) references runs.(run_id, lane)\nexpect id unique"));
        var code = EnforcementEmitter.Emit(compilation.Bound, new EmitOptions("p", "PPolicy"), []).Source;
        Assert.Contains("{ KeyColumns = [\"run_id\", \"lane\"] };", code);
        Assert.Contains("Columns = [\"run_id\", \"lane\"],", code);
        Assert.Contains("TargetColumns = [\"run_id\", \"lane\"],", code);
        Assert.DoesNotContain("KeyColumns = [\"id\"]", code);
    }

    [Theory]
    [InlineData("dataset d in s table \"t\" {\n  key   run_id ,lane\n  expect(run_id,lane)   unique\n  expect ( a , b ) references runs . ( x , y )\n}\n",
        "dataset d in s table \"t\" {\n  key run_id, lane\n  expect (run_id, lane) unique\n  expect (a, b) references runs.(x, y)\n}\n")]
    public void The_formatter_writes_the_canonical_layout_and_round_trips(string written, string canonical)
    {
        var formatted = PolicyFormatter.Format(new SourceFile("main.gov", written)).Text;
        Assert.Equal(canonical, formatted);
        Assert.Equal(canonical, PolicyFormatter.Format(new SourceFile("main.gov", canonical)).Text);
    }
}
