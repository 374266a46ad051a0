using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>The reference policy binds with zero errors into the expected model.</summary>
public class LabBindingTests
{
    private static readonly Lazy<PolicyCompilation> Lab = new(() =>
    {
        var path = RepositoryPaths.InRoot("examples", "astronomy-lab", "lab.gov");
        return PolicyCompilation.Create([new SourceFile(path, File.ReadAllText(path))], BindingAssert.Today);
    });

    private static BoundPolicy Policy => Lab.Value.Bound;

    [Fact]
    public void Binds_without_errors()
    {
        Assert.False(Lab.Value.HasErrors, BindingAssert.Describe(Lab.Value.Diagnostics));
        Assert.DoesNotContain(Lab.Value.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Header_classification_roles_and_stores()
    {
        Assert.Equal("Proxmox Astronomy Lab - Database Data Management", Policy.Header!.Title);
        Assert.Equal("1.0", Policy.Header.Version);
        Assert.Equal(new PolicyDuration(90, DurationUnit.Day), Policy.Header.ReviewEvery);
        Assert.Equal(["cis-v8", "nist-csf-1.1", "nist-800-53r5"], Policy.Header.Frameworks.Select(f => f.Id));
        Assert.Equal(["public", "internal", "confidential", "restricted"], Policy.Classification.Select(c => c.Name));
        Assert.Equal(3, Policy.Classification.Single(c => c.Name == "restricted").Rank);
        Assert.Equal(["researcher", "analyst", "ingest", "dba"], Policy.Roles.Select(r => r.Name));

        var research = Policy.FindStore("research")!;
        Assert.Equal(StoreKind.Postgres, research.Kind);
        Assert.Equal("LAB_PG_URL", research.Settings["connection"].EnvironmentVariable);
        Assert.Null(research.Settings["connection"].Literal);
        Assert.Equal("required", research.Setting("tls"));
        var offsite = Policy.FindStore("offsite")!;
        Assert.Equal("glacier-flexible-retrieval", offsite.Setting("storage-class"));
        Assert.Equal("aes256", offsite.Setting("encryption"));
        Assert.Equal("LAB_S3_ENDPOINT", offsite.Settings["endpoint"].EnvironmentVariable);
    }

    [Fact]
    public void Datasets_and_their_columns()
    {
        Assert.Equal(["gaia_sources", "photometry", "observation_logs", "raw_frames"], Policy.Datasets.Select(d => d.Name));
        var gaia = Policy.FindDataset("gaia_sources")!;
        Assert.Equal("research", gaia.Store.Name);
        Assert.Equal(LocationKind.Table, gaia.LocationKind);
        Assert.Equal("catalog.gaia_dr3_sources", gaia.Location);
        Assert.Equal("internal", gaia.Classification!.Name);
        Assert.Equal("source_id", gaia.Key);
        Assert.Equal("FarmerBoy", gaia.Steward);
        Assert.Equal(6, gaia.Columns.Count);
        Assert.True(gaia.HasPii);
        var sourceId = gaia.Columns[0];
        Assert.Equal(("source_id", "bigint", ColumnTypeFamily.Integer, true), (sourceId.Name, sourceId.Type, sourceId.Family, sourceId.NotNull));
        Assert.Equal(ColumnTypeFamily.Time, gaia.Columns.Single(c => c.Name == "ingested_at").Family);
        Assert.Equal(LocationKind.Prefix, Policy.FindDataset("raw_frames")!.LocationKind);
    }

    [Fact]
    public void Rules_have_default_and_explicit_names()
    {
        var gaia = Policy.FindDataset("gaia_sources")!;
        Assert.Equal(
            ["source_id_unique", "ra_between", "dec_between", "plausible_magnitude", "observer_email_matches", "ingested_at_fresher_than", "rows_at_least"],
            gaia.Rules.Select(r => r.Name));
        var ra = gaia.Rules.Single(r => r.Name == "ra_between");
        Assert.Equal([0L, 360L], ra.Operands.Select(o => o.Value));
        Assert.Equal("ra between 0 and 360", ra.Describe());
        var dec = gaia.Rules.Single(r => r.Name == "dec_between");
        Assert.Equal(-90L, dec.Operands[0].Value);
        Assert.True(gaia.Rules.Single(r => r.Name == "plausible_magnitude").OrNull);
        var fresh = gaia.Rules.Single(r => r.Name == "ingested_at_fresher_than");
        Assert.Equal(RuleSeverity.Warn, fresh.Severity);
        Assert.Equal(new PolicyDuration(2, DurationUnit.Day), fresh.Window);
        Assert.Equal(1000L, gaia.Rules.Single(r => r.Name == "rows_at_least").Operands[0].Value);
        Assert.Equal(@"^[^@\s]+@[^@\s]+$", gaia.Rules.Single(r => r.Name == "observer_email_matches").Operands[0].Value);

        var photometry = Policy.FindDataset("photometry")!;
        var flux = photometry.Rules.Single(r => r.Name == "flux_gt");
        Assert.Equal((">", 0L), (flux.Operator, flux.Operands[0].Value));
        Assert.Equal(0.005, flux.Tolerance!.Value, 9);
        var reference = photometry.Rules.Single(r => r.Name == "source_id_references");
        Assert.Equal(("gaia_sources", "source_id"), (reference.TargetDataset, reference.TargetColumn));
        Assert.Equal(["G", "BP", "RP"], photometry.Rules.Single(r => r.Name == "band_in").Operands.Select(o => o.Value));

        var logs = Policy.FindDataset("observation_logs")!;
        var csharp = logs.Rules.Single(r => r.Name == "long_exposure_only_in_survey");
        Assert.Equal(RuleKind.CSharp, csharp.Kind);
        Assert.Equal("doc.exposure_s < 3600 || doc.mode == \"survey\"", csharp.Expression);
        Assert.Equal(["exposure_s", "mode"], csharp.Fields);
        Assert.StartsWith("\"doc.exposure_s", csharp.ExpressionLocation!.File.GetText(csharp.ExpressionLocation.Span), StringComparison.Ordinal);
        Assert.Contains(logs.Rules, r => r.Name == "operator_not_null");

        var frames = Policy.FindDataset("raw_frames")!;
        Assert.Equal(["objects_at_least", "object_age_fresher_than"], frames.Rules.Select(r => r.Name));
    }

    [Fact]
    public void Retention_masks_and_grants()
    {
        var gaia = Policy.FindDataset("gaia_sources")!;
        var retention = gaia.Retention!;
        Assert.Equal(new PolicyDuration(30, DurationUnit.Day), retention.Window);
        Assert.Equal("ingested_at", retention.ByColumn);
        Assert.Equal("offsite", retention.ArchiveStore!.Name);
        Assert.Equal("parquet", retention.ArchiveFormat);
        Assert.Equal(RetentionAction.Delete, retention.Action);
        Assert.Equal(("observer_email", "sha256"), (gaia.Masks.Single().Column, gaia.Masks.Single().Method));
        Assert.Equal(
            ["read researcher", "read analyst", "write ingest"],
            gaia.Grants.Select(g => $"{g.Privilege} {g.Role.Name}"));

        var frames = Policy.FindDataset("raw_frames")!;
        Assert.Null(frames.Retention!.ByColumn);
        Assert.Equal(new PolicyDuration(5, DurationUnit.Year), frames.Retention.Window);
        Assert.Null(Policy.FindDataset("observation_logs")!.Retention!.ArchiveStore);
    }

    [Fact]
    public void Audit_backup_controls_approvals_changes_tests()
    {
        Assert.Equal(("research", "governance.audit_log", true), (Policy.Audit!.Store!.Name, Policy.Audit.Table, Policy.Audit.TamperEvident));
        Assert.Equal(new PolicyDuration(1, DurationUnit.Year), Policy.Audit.Retain);

        var backup = Policy.Backups.Single();
        Assert.Equal(["research", "telemetry"], backup.Covers.Select(s => s.Name));
        Assert.Equal([(SchedulePeriod.Week, 4), (SchedulePeriod.Month, 1)], backup.Schedules.Select(s => (s.Period, s.Keep)));
        Assert.Equal(("offsite", "aes256", SchedulePeriod.Quarter), (backup.Offsite!.Name, backup.Encryption, backup.RestoreTestEvery));

        Assert.Equal("cis-v8", Policy.Controls!.Framework);
        Assert.Equal(["3.1", "3.2", "3.3", "3.4", "3.11", "6.1", "8.2", "11.2", "11.4"], Policy.Controls.Required.Select(r => r.Id));
        Assert.Equal("3.1", Policy.Controls.Evidence.Single().SafeguardId);

        Assert.Equal(3, Policy.Approvals.Count);
        Assert.All(Policy.Approvals, a => Assert.Equal((new DateOnly(2025, 7, 27), ApprovalStatus.Approved), (a.Date, a.Status)));
        Assert.Equal("1.0", Policy.Changes.Single().Version);

        var test = Policy.Tests.Single();
        Assert.Equal("gaia_sources", test.Dataset.Name);
        Assert.Equal(["ra_between"], test.Rows[0].ExpectedFailures);
        Assert.True(test.Rows[0].Fields["ingested_at"].IsNow);
        Assert.Equal(400.0, test.Rows[0].Fields["ra"].Value);
        Assert.Equal(1L, test.Rows[0].Fields["source_id"].Value);
        Assert.True(test.Rows[1].ExpectPass);
    }
}
