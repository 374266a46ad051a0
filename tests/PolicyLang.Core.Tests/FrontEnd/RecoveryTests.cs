using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Tests.Binding;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.FrontEnd;

/// <summary>
/// Several mistakes in one policy, syntax and binding mixed, often in one block: one `check` reports each of them
/// once, located (line:column of the fragment, underlined text), and nothing else: no diagnostic about what a
/// skipped line may have declared (a column, a rule name, a setting, a safeguard's coverage). Fragments are
/// compiled after <see cref="DiagnosticExamples.Prelude"/> unless they declare their own policy.
/// </summary>
public sealed class RecoveryTests
{
    public static readonly TheoryData<string, string> Cases = new()
    {
        // A bad member costs only itself: the members after it bind and report their own mistakes.
        { "dataset logs in research table \"logs\" {\n  exepct id unique\n  classification internl\n  grant read to analysts\n}", "GOV0001 2:3 `exepct` | GOV0201 3:18 `internl` | GOV0311 4:17 `analysts`" },
        { "store ops postgres {\n  connection env(\"PG_URL\")\n  tsl required\n  regin \"x\"\n}\nrole auditor \"A\" ;", "GOV0001 3:3 `tsl` | GOV0001 4:3 `regin` | GOV0002 6:18 `;`" },
        { "dataset logs in research table \"logs\" {\n  expect id between 1\n  expect id > 0 severity critical\n}", "GOV0001 3:3 `expect` | GOV0206 3:26 `critical`" },
        // A broken column: the rules, retention and test rows that name it are not reported as undeclared.
        { "dataset logs in research table \"logs\" {\n  column id bigint\n  column ts timestamptz(3 4)\n  expect ts fresher than 1 day\n  retain 30 days by ts then delete\n}\ntest logs { row { id: 1, ts: now } passes }", "GOV0001 3:27 `4`" },
        { "dataset logs in research table \"logs\" {\n  column id bigint\n  colum ts timestamptz\n  expect ts fresher than 1 day\n  expect idd unique\n}", "GOV0001 3:3 `colum` | GOV0202 5:10 `idd`" },
        // A broken rule: a test row naming it is not reported; a rule that is intact still is.
        { "dataset logs in research table \"logs\" {\n  expect id unqiue as id_ok\n}\ntest logs { row { id: 1 } fails id_ok }", "GOV0001 2:13 `unqiue`" },
        // A block missing its `}`: the next declaration at the start of a line ends it, and is itself parsed and bound.
        { "policy \"P\" { version \"1\" owner \"o\" review every 1 year }\nstore s duckdb { file \"x\" }\ndataset logs in s table \"logs\" {\n  owner \"ops\"\nclassification public < internal\nrole r \"R\"", "GOV0001 5:1 `classification`" },
        { "audit {\n  store research\n  table \"audit\"\nstore cache duckdb { file \"c\" }\ndataset d in cache table \"d\" { grant read to analyst }", "GOV0001 4:1 `store`" },
        { "dataset logs in research table \"logs\" {\n  owner \"ops\"\n  expect id unique\n", "GOV0001 3:19 ``" },
        // Coverage is not judged where a skipped line may have provided it, and is where it cannot have.
        { "dataset logs in research table \"logs\" {\n  retain 30 dys by ts then delete\n}\ncontrols cis-v8 { require 3.4 }", "GOV0001 2:13 `dys`" },
        { "dataset logs in research table \"logs\" {\n  exepct id unique\n}\ncontrols cis-v8 { require 3.4 }", "GOV0001 2:3 `exepct` | GOV0401 4:27 `3.4`" },
        { "controls cis-v8 {\n  require 3.4\n  waiv 3.4 \"migration\" until 2027-01-01\n}", "GOV0001 3:3 `waiv`" },
        { "dataset logs in research table \"logs\" {\n  expect id unique covers 3.4 severty warn\n}\ncontrols cis-v8 { require 3.4 }", "GOV0001 2:31 `severty`" },
        // A misspelled declaration keyword: its name still counts as declared.
        { "stor cache duckdb { file \"c\" }\ndataset d in cache table \"d\" { }", "GOV0001 1:1 `stor`" },
        { "datset logs in research table \"logs\" { }\ntest logs { row { id: 1 } passes }", "GOV0001 1:1 `datset`" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_mistake_is_reported_once_and_nothing_else(string fragment, string expected)
    {
        var text = DiagnosticExamples.Complete(fragment);
        var compilation = PolicyCompilation.Create([new SourceFile("main.gov", text)], BindingAssert.Today);
        var linesBefore = text.Length - fragment.Length == 0 ? 0 : DiagnosticExamples.Prelude.Count(c => c == '\n');
        var actual = string.Join(" | ", compilation.Diagnostics.Select(d => $"{d.Code} {d.Start.Line - linesBefore}:{d.Start.Column} `{d.File.GetText(d.Span)}`"));
        Assert.Equal(expected, actual);
    }
}
