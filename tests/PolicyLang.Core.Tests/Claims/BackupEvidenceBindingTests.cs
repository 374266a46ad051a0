using PolicyLang.Core.Tests.Support;
using Xunit;

namespace PolicyLang.Core.Tests.Claims;

/// <summary>A backup's <c>evidence in store prefix "..."</c>: bound, emitted for the runner, and refused where it cannot be judged.</summary>
public sealed class BackupEvidenceBindingTests
{
    private const string Stores = """
        policy "B" { version "1" owner "o" review every 90 days }
        classification public
        store db postgres { connection env("PG") }
        store copies s3 { bucket "copies" }
        store local folder { path "copies" }

        """;

    [Fact]
    public void Evidence_in_an_s3_or_folder_prefix_is_bound()
    {
        foreach (var store in new[] { "copies", "local" })
        {
            var compilation = Compile.Text(Stores + $"backup b {{ covers db every week keep 4 retain 30 days evidence in {store} prefix \"backups/db/\" }}", "b.gov");
            Assert.Empty(compilation.Diagnostics);
            var evidence = compilation.Bound.Backups.Single().Evidence!;
            Assert.Equal((store, "backups/db/"), (evidence.Store.Name, evidence.Prefix));
        }
    }

    [Theory]
    [InlineData("every week keep 4 retain 30 days evidence in db prefix \"b/\"", "GOV0135")]
    [InlineData("every week keep 4 retain 30 days evidence in copies table \"b\"", "GOV0136")]
    [InlineData("retain 30 days evidence in copies prefix \"b/\"", "GOV0137")]
    [InlineData("every week keep 4 evidence in copies prefix \"b/\"", "GOV0138")]
    public void Evidence_that_cannot_be_judged_is_reported(string settings, string code)
    {
        var compilation = Compile.Text(Stores + $"backup b {{ covers db {settings} }}", "b.gov");
        Assert.Single(compilation.Diagnostics, d => d.Code == code);
    }

    [Fact]
    public void The_enforcement_assembly_carries_the_backup_and_the_policy_version()
    {
        var compilation = Compile.Text(Stores + "backup b { covers db every week keep 4 every day keep 7 retain 30 days evidence in copies prefix \"backups/\" }", "b.gov");
        var source = PolicyLang.Core.Emit.EnforcementEmitter.Emit(compilation.Bound, new PolicyLang.Core.Emit.EmitOptions("b", "B"), PolicyLang.Core.Emit.ControlEmitInfos.From(compilation.Coverage)).Source;
        Assert.Contains("Version = \"1\"", source, StringComparison.Ordinal);
        Assert.Contains("new BackupModel(\"b\", \"copies\", \"backups/\", new Duration(1, DurationUnit.Day), new Duration(30, DurationUnit.Day)", source, StringComparison.Ordinal);
    }
}
