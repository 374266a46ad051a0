using PolicyLang.Core.Compilation;
using PolicyLang.Core.Text;
using Xunit;
using static PolicyLang.Core.Tests.Binding.BindingAssert;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>Whole-policy behaviour: many mistakes in one run, several files, no exceptions on broken input.</summary>
public class WholePolicyTests
{
    [Fact]
    public void Five_unrelated_mistakes_give_five_located_diagnostics()
    {
        const string source =
            """
            policy "Lab" { version "1" owner "ops" review every 90 days }
            classification public < internal
            role analyst "Analysts"
            store research postgres { connection env("PG_URL") tls requried }
            store vault s3 { bucket "v" }
            dataset stars in research table "stars" {
              classification internl
              column ra double
              expect ra between 0 and 360
              expect dec between -90 and 90
              retain 30 days by ra then archive to vault as parquet then delete
              grant read to analysts
            }
            """;
        var diagnostics = Compile(source).Diagnostics;
        Assert.Equal(
            [
                ("GOV0123", 4, "requried"),
                ("GOV0201", 7, "internl"),
                ("GOV0202", 10, "dec"),
                ("GOV0303", 11, "ra"),
                ("GOV0311", 12, "analysts"),
            ],
            diagnostics.Select(d => (d.Code, d.Start.Line, d.File.GetText(d.Span))));
    }

    [Fact]
    public void Files_form_one_policy_and_diagnostics_are_sorted_by_file_then_position()
    {
        var main = new SourceFile("z/main.gov", "policy \"Lab\" { version \"1\" }\nclassification public < internal\nstore research postgres { connection env(\"PG\") tls requried }");
        var data = new SourceFile("b/data.gov", "dataset logs in research table \"logs\" { classification secret expect id references users.id }\ndataset users in research table \"users\" { }\npolicy \"Again\" { }");
        var compilation = PolicyCompilation.Create([main, data], Today);
        Assert.Equal(["logs", "users"], compilation.Bound.Datasets.Select(d => d.Name));
        Assert.Equal("research", compilation.Bound.FindDataset("logs")!.Store.Name);
        Assert.Equal(
            [("b/data.gov", "GOV0201"), ("b/data.gov", "GOV0101"), ("z/main.gov", "GOV0123")],
            compilation.Diagnostics.Select(d => (d.File.Path, d.Code)));
        Assert.True(compilation.HasErrors);
        Assert.Equal(2, compilation.Syntax.Count);
    }

    [Fact]
    public void Missing_declarations_are_reported_at_the_start_of_the_first_file_given()
    {
        var empty = new SourceFile("z/empty.gov", "// nothing yet\n");
        var roles = new SourceFile("a/roles.gov", "role analyst \"Analysts\"");
        var diagnostics = PolicyCompilation.Create([empty, roles], Today).Diagnostics;
        Assert.Equal([("z/empty.gov", "GOV0100", 0), ("z/empty.gov", "GOV0102", 0)], diagnostics.Select(d => (d.File.Path, d.Code, d.Span.Start)));
    }

    [Fact]
    public void Syntax_and_binding_diagnostics_are_merged()
    {
        var compilation = CompileFragment("store ops postgres { tsl required }\ndataset a in nowhere table \"a\" { }");
        Assert.Equal(["GOV0001", "GOV0119"], compilation.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Every_prefix_of_the_lab_policy_binds_without_throwing()
    {
        var text = File.ReadAllText(RepositoryPaths.InRoot("examples", "astronomy-lab", "lab.gov"));
        for (var length = 0; length <= text.Length; length += 7)
        {
            var compilation = Compile(text[..length]);
            Assert.NotNull(compilation.Bound);
        }
    }

    [Fact]
    public void Randomly_damaged_policies_bind_without_throwing()
    {
        var text = File.ReadAllText(RepositoryPaths.InRoot("examples", "astronomy-lab", "lab.gov"));
        var random = new Random(20261126);
        for (var i = 0; i < 300; i++)
        {
            // Cut a random slice out: unbalanced braces, half statements, dangling names.
            var start = random.Next(text.Length);
            var length = random.Next(1, Math.Min(40, text.Length - start) + 1);
            var damaged = text.Remove(start, length);
            Assert.NotNull(Compile(damaged).Bound);
        }
    }

    [Fact]
    public void No_files_give_an_empty_policy()
    {
        var compilation = PolicyCompilation.Create([], Today);
        Assert.Empty(compilation.Diagnostics);
        Assert.Null(compilation.Bound.Header);
    }
}
