using PolicyLang.Core.Tests.Support;
using Xunit;

namespace PolicyLang.Core.Tests.Claims;

/// <summary>
/// A backup's <c>evidence in store prefix "..."</c> (objects) or <c>evidence in db table "..." by column</c> (a tool's records of its
/// copies): bound, emitted for the runner, and refused where it cannot be judged.
/// </summary>
public sealed class BackupEvidenceBindingTests
{
    private const string Stores = """
        policy "B" { version "1" owner "o" review every 90 days }
        classification public
        store db postgres { connection env("PG") }
        store copies s3 { bucket "copies" }
        store local folder { path "copies" }
        store lake duckdb { file "lake.duckdb" }
        store docs mongodb { connection env("MONGO") }

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
    [InlineData("db", "table")]
    [InlineData("lake", "table")]
    [InlineData("docs", "collection")]
    public void Records_in_a_database_table_or_collection_are_bound_with_their_time_column(string store, string kind)
    {
        var compilation = Compile.Text(Stores + $"backup b {{ covers db every week keep 4 retain 30 days evidence in {store} {kind} \"ops.backups\" by finished_at }}", "b.gov");
        Assert.Empty(compilation.Diagnostics);
        var evidence = compilation.Bound.Backups.Single().Evidence!;
        Assert.Null(evidence.Prefix);
        Assert.Equal((store, "ops.backups", "finished_at"), (evidence.Store.Name, evidence.Records!.Table, evidence.Records.TimeColumn));
    }

    [Theory]
    [InlineData("every week keep 4 retain 30 days evidence in db prefix \"b/\"", "GOV0135")]
    [InlineData("every week keep 4 retain 30 days evidence in copies table \"b\"", "GOV0136")]
    [InlineData("every week keep 4 retain 30 days evidence in copies prefix \"b/\" by taken_at", "GOV0136")]
    [InlineData("every week keep 4 retain 30 days evidence in docs table \"b\" by taken_at", "GOV0136")]
    [InlineData("every week keep 4 retain 30 days evidence in db collection \"b\" by taken_at", "GOV0136")]
    [InlineData("every week keep 4 retain 30 days evidence in db table \"b\"", "GOV0139")]
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

    [Fact]
    public void The_enforcement_assembly_carries_the_records_table_and_its_time_column()
    {
        var compilation = Compile.Text(Stores + "backup b { covers db every day keep 7 retain 30 days evidence in db table \"ops.backups\" by finished_at }", "b.gov");
        var source = PolicyLang.Core.Emit.EnforcementEmitter.Emit(compilation.Bound, new PolicyLang.Core.Emit.EmitOptions("b", "B"), PolicyLang.Core.Emit.ControlEmitInfos.From(compilation.Coverage)).Source;
        Assert.Contains("new BackupModel(\"b\", \"db\", null, new Duration(1, DurationUnit.Day)", source, StringComparison.Ordinal);
        Assert.Contains("{ Records = new BackupRecords(\"ops.backups\", \"finished_at\") }", source, StringComparison.Ordinal);
        var markdown = PolicyLang.Core.Docs.ComplianceDocument.RenderMarkdown(compilation.Bound, compilation.Coverage);
        Assert.Contains("db (postgres) table `ops.backups`, a record per copy timed by `finished_at`", markdown, StringComparison.Ordinal);
    }
}
