using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// The <c>research</c> datasets of examples/astronomy-lab/lab.gov, as the compiler models them, on a live server.
/// Differences from the file: the test server has no certificate (tls preferred) and the archive is a folder, not S3.
/// </summary>
public sealed class LabDatabase : PgDatabase
{
    protected override Task SeedAsync() => ExecAsync(
        "CREATE SCHEMA catalog",
        // source_id is nullable here although the policy says not null: schema drift the run must report.
        """
        CREATE TABLE catalog.gaia_dr3_sources (source_id bigint, ra double precision, dec double precision,
          phot_g_mean_mag double precision, observer_email text, ingested_at timestamptz NOT NULL)
        """,
        """
        INSERT INTO catalog.gaia_dr3_sources VALUES
          (1, 10,   10,  5,    'a@x.org',   '2026-05-31 12:00:00+00'),
          (2, 370,  10,  5,    'b@x.org',   '2026-05-31 12:00:00+00'),
          (3, 20,   -95, NULL, NULL,        '2026-05-31 12:00:00+00'),
          (4, 30,   10,  25,   'bad email', '2026-05-22 12:00:00+00'),
          (5, NULL, 10,  2,    'c@x.org',   '2026-05-31 12:00:00+00'),
          (5, 40,   10,  10,   'd@x.org',   '2026-05-29 12:00:00+00')
        """,
        "CREATE TABLE catalog.photometry (obs_id bigint PRIMARY KEY, source_id bigint, flux double precision, band text, observed_at timestamptz)",
        """
        INSERT INTO catalog.photometry VALUES
          (1, 1,    1.5,  'G',  '2026-05-22 00:00:00+00'),
          (2, 2,    2.0,  'BP', '2025-04-27 00:00:00+00'),
          (3, 99,   0.5,  'RP', '2025-01-17 00:00:00+00'),
          (4, NULL, -1,   'X',  '2026-05-31 00:00:00+00'),
          (5, 3,    NULL, 'G',  '2026-05-30 00:00:00+00')
        """);
}

public sealed class LabPolicyTests(LabDatabase db) : IClassFixture<LabDatabase>, IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static RuleModel R(string name, RuleKind kind, string? column, params object?[] args) => M.Rule(name, kind, column, args);

    private PolicyModel Lab(string researcher, string analyst, string ingest)
    {
        var gaia = new DatasetModel("gaia_sources", "research", LocationKind.Table, "catalog.gaia_dr3_sources", "source_id", "internal",
            [
                new ColumnModel("source_id", "bigint", true, false), new ColumnModel("ra", "double", false, false),
                new ColumnModel("dec", "double", false, false), new ColumnModel("phot_g_mean_mag", "double", false, false),
                new ColumnModel("observer_email", "text", false, true), new ColumnModel("ingested_at", "timestamptz", true, false),
            ],
            [
                R("source_id_unique", RuleKind.Unique, "source_id"),
                R("ra_between", RuleKind.Between, "ra", 0L, 360L),
                R("dec_between", RuleKind.Between, "dec", -90L, 90L),
                R("plausible_magnitude", RuleKind.Between, "phot_g_mean_mag", 3L, 21L) with { OrNull = true },
                R("observer_email_matches", RuleKind.Matches, "observer_email", @"^[^@\s]+@[^@\s]+$") with { OrNull = true },
                R("ingested_at_fresher", RuleKind.FresherThan, "ingested_at") with { Window = new Duration(2, DurationUnit.Day), Severity = Severity.Warn },
                R("rows_at_least", RuleKind.RowsAtLeast, null, 1000L),
            ],
            new RetentionModel(new Duration(30, DurationUnit.Day), "ingested_at", "offsite", "parquet", "delete", [], M.Src),
            [new MaskModel("observer_email", "sha256")],
            [new GrantModel("read", researcher), new GrantModel("read", analyst), new GrantModel("write", ingest)], M.Src);
        var photometry = new DatasetModel("photometry", "research", LocationKind.Table, "catalog.photometry", "obs_id", "internal", [],
            [
                R("obs_id_unique", RuleKind.Unique, "obs_id"),
                R("source_id_references", RuleKind.References, "source_id") with { TargetDataset = "gaia_sources", TargetColumn = "source_id" },
                R("flux_compare", RuleKind.Compare, "flux", 0L) with { Operator = CompareOperator.GreaterThan, Tolerance = 0.005 },
                R("band_in", RuleKind.In, "band", "G", "BP", "RP"),
            ],
            new RetentionModel(new Duration(365, DurationUnit.Day), "observed_at", "offsite", "parquet", "delete", [], M.Src),
            [], [new GrantModel("read", researcher), new GrantModel("read", analyst)], M.Src);
        return new PolicyModel("lab", "Proxmox Astronomy Lab - Database Data Management",
            [
                new StoreModel("research", "postgres", new Dictionary<string, SettingValue>
                    { ["connection"] = SettingValue.Env(M.PostgresVariable), ["tls"] = SettingValue.Of("preferred") }),
                new StoreModel("offsite", "folder", new Dictionary<string, SettingValue> { ["path"] = SettingValue.Of("offsite") }),
            ],
            [gaia, photometry], new AuditModel("research", "governance.audit_log", new Duration(1, DurationUnit.Year), true), []);
    }

    [Fact]
    public async Task The_research_datasets_run_with_exact_counts_drift_masked_views_and_a_verified_audit_chain()
    {
        var (researcher, analyst, ingest) = (await db.CreateRoleAsync("researcher"), await db.CreateRoleAsync("analyst"), await db.CreateRoleAsync("ingest"));
        var policy = Lab(researcher, analyst, ingest);
        var report = await M.RunPostgresAsync(policy, M.PostgresOptions(db.ConnectionString, dir.Path));

        Assert.Empty(report.Errors);
        Assert.Empty(report.Datasets.SelectMany(d => d.Errors));
        Assert.Equal(
        [
            "gaia_sources.source_id_unique 2/6 failed", "gaia_sources.ra_between 2/6 failed", "gaia_sources.dec_between 1/6 failed",
            "gaia_sources.plausible_magnitude 2/6 failed", "gaia_sources.observer_email_matches 1/6 failed",
            "gaia_sources.ingested_at_fresher 2/6 passed", "gaia_sources.rows_at_least 994/6 failed",
            "photometry.obs_id_unique 0/5 passed", "photometry.source_id_references 1/5 failed",
            "photometry.flux_compare 2/5 failed", "photometry.band_in 1/5 failed",
        ], report.Rules.Select(r => $"{r.Dataset}.{r.Rule} {r.Violations}/{r.Total} {r.Status.ToString().ToLowerInvariant()}"));
        Assert.Equal("7 rules → 2 queries", report.Datasets[0].QueriesSummary);
        // Missing grants come ordered by role name (random here): SELECT for both readers, INSERT/UPDATE/DELETE for ingest.
        var grants = new[] { analyst, researcher, ingest, ingest, ingest }.Order(StringComparer.Ordinal).Select(r => $"{r}|grant");
        Assert.Equal(["source_id|nullability", .. grants, "gaia_dr3_sources_masked|mask"],
            report.Datasets[0].SchemaDrift.Select(f => $"{f.Column}|{f.Finding}"));
        Assert.DoesNotContain("bad email", report.ToJson());

        // Retention: gaia keeps 30 days (nothing older), photometry 365 days (obs 2 and 3 are archived, then deleted).
        Assert.Equal([0L, 2L], report.Retention.Select(r => r.Deleted));
        Assert.Equal([1L, 4L, 5L], (await db.QueryAsync("SELECT obs_id FROM catalog.photometry ORDER BY 1")).Select(r => (long)r[0]!));

        // --apply: grants and the masked view, then the drift is gone but the nullability.
        await using var store = M.OpenPostgres(policy, db.ConnectionString);
        await using var audit = await store.OpenAuditAsync(policy.Audit!, policy.Name, CancellationToken.None);
        await PostgresAccess.ApplyAsync(store, policy.Datasets[0], audit, CancellationToken.None);
        Assert.Equal(["source_id|nullability"], (await store.CheckSchemaAsync(policy.Datasets[0], CancellationToken.None)).Select(f => $"{f.Column}|{f.Finding}"));
        var masked = (await db.QueryAsync("SELECT observer_email FROM catalog.gaia_dr3_sources_masked WHERE observer_email IS NOT NULL ORDER BY 1")).Select(r => (string)r[0]!);
        Assert.Equal(new[] { "a@x.org", "b@x.org", "bad email", "c@x.org", "d@x.org" }.Select(e => Masking.Apply(policy.Datasets[0].Masks[0], e)).Order(), masked);

        var records = await audit.ReadAllAsync(CancellationToken.None);
        Assert.Empty(AuditVerifier.Verify(records));
        Assert.Equal(["check", "check", "archive", "verify", "delete", "access"], records.Select(r => r.Action));
    }
}
