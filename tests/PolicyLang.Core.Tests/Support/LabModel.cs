using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Tests.Support;

/// <summary>
/// examples/astronomy-lab/lab.gov bound by hand, located against the example's text (read in place). Used until (and
/// alongside) the binder, so Controls and Docs can be tested without it.
/// </summary>
internal static class LabModel
{
    public static SourceFile File() => new("lab.gov", Samples.ReadMain("astronomy-lab"));

    public static BoundPolicy Build() => Build(File());

    public static BoundPolicy Build(SourceFile file)
    {
        var at = new Locator(file);
        var header = new PolicyHeader(
            "Proxmox Astronomy Lab - Database Data Management", "1.0", "VintageDon", null, new PolicyDuration(90, DurationUnit.Day),
            [new("cis-v8", at.At("cis-v8")), new("nist-csf-1.1", at.At("nist-csf-1.1")), new("nist-800-53r5", at.At("nist-800-53r5"))],
            at.At("policy \"")) { Name = "astronomy-lab" };
        var levels = new[] { "public", "internal", "confidential", "restricted" }
            .Select((n, i) => new ClassificationLevel(n, i, at.At(n, "classification public"))).ToList();
        var roles = new[] { ("researcher", "Research staff, read-only"), ("analyst", "Data analysts"), ("ingest", "Pipeline service accounts"), ("dba", "Database operations (Tier 2)") }
            .Select(r => new RoleSymbol(r.Item1, r.Item2, at.At($"role {r.Item1}"))).ToList();
        RoleSymbol Role(string n) => roles.First(r => r.Name == n);

        BoundSetting Env(string key, string variable, string store) => new(key, null, variable, at.At($"{key}", $"store {store}"));
        BoundSetting Lit(string key, string value, string store) => new(key, value, null, at.At($"{key}", $"store {store}"));
        var research = new StoreSymbol("research", StoreKind.Postgres, Settings(Env("connection", "LAB_PG_URL", "research"), Lit("tls", "required", "research")), at.At("store research"));
        var telemetry = new StoreSymbol("telemetry", StoreKind.MongoDb, Settings(Env("connection", "LAB_MONGO_URL", "telemetry"), Lit("tls", "required", "telemetry")), at.At("store telemetry"));
        var offsite = new StoreSymbol("offsite", StoreKind.S3, Settings(
            Lit("bucket", "lab-offsite-archive", "offsite"), Lit("region", "us-east-1", "offsite"), Env("endpoint", "LAB_S3_ENDPOINT", "offsite"),
            Lit("storage-class", "glacier-flexible-retrieval", "offsite"), Lit("encryption", "aes256", "offsite")), at.At("store offsite"));

        ColumnSymbol Col(string name, string type, ColumnTypeFamily family, bool notNull = false, bool pii = false) =>
            new(name, type, family, notNull, pii, at.At($"column {name}"));
        RuleSymbol Rule(string name, RuleKind kind, string? column, string text, string after, params object[] operands) =>
            new(name, kind, column, null, operands.Select(o => new BoundLiteral(o, at.At(text, after))).ToList(), false, RuleSeverity.Error, null, [], at.At(text, after));

        var g = "dataset gaia_sources";
        var gaia = new DatasetSymbol(
            "gaia_sources", research, LocationKind.Table, "catalog.gaia_dr3_sources",
            "Gaia DR3 source catalogue subset used by the photometry pipeline", "astro-data", "FarmerBoy", levels[1], "source_id",
            [
                Col("source_id", "bigint", ColumnTypeFamily.Integer, notNull: true), Col("ra", "double", ColumnTypeFamily.Decimal),
                Col("dec", "double", ColumnTypeFamily.Decimal), Col("phot_g_mean_mag", "double", ColumnTypeFamily.Decimal),
                Col("observer_email", "text", ColumnTypeFamily.Text, pii: true), Col("ingested_at", "timestamptz", ColumnTypeFamily.Time, notNull: true),
            ],
            [
                Rule("source_id_unique", RuleKind.Unique, "source_id", "expect source_id unique", g),
                Rule("ra_between", RuleKind.Between, "ra", "expect ra between", g, 0L, 360L),
                Rule("dec_between", RuleKind.Between, "dec", "expect dec between", g, -90L, 90L),
                Rule("plausible_magnitude", RuleKind.Between, "phot_g_mean_mag", "expect phot_g_mean_mag", g, 3L, 21L) with { OrNull = true },
                Rule("observer_email_matches", RuleKind.Matches, "observer_email", "expect observer_email matches", g, "^[^@\\s]+@[^@\\s]+$") with { OrNull = true },
                Rule("ingested_at_fresher_than", RuleKind.FresherThan, "ingested_at", "expect ingested_at fresher", g) with { Window = new PolicyDuration(2, DurationUnit.Day), Severity = RuleSeverity.Warn },
                Rule("rows_at_least", RuleKind.RowsAtLeast, null, "expect rows at least 1000", g, 1000L),
            ],
            new RetentionSymbol(new PolicyDuration(30, DurationUnit.Day), "ingested_at", offsite, "parquet", RetentionAction.Delete, [], at.At("retain 30 days")),
            [new MaskSymbol("observer_email", "sha256", 0, at.At("mask observer_email"))],
            [
                new GrantSymbol("read", Role("researcher"), at.At("grant read  to researcher")), new GrantSymbol("read", Role("analyst"), at.At("grant read  to researcher")),
                new GrantSymbol("write", Role("ingest"), at.At("grant write to ingest")),
            ],
            at.At(g));

        var p = "dataset photometry";
        var photometry = new DatasetSymbol(
            "photometry", research, LocationKind.Table, "catalog.photometry", null, "astro-data", "FarmerBoy", levels[1], "obs_id", [],
            [
                Rule("obs_id_unique", RuleKind.Unique, "obs_id", "expect obs_id unique", p),
                Rule("source_id_references", RuleKind.References, "source_id", "expect source_id references", p) with { TargetDataset = "gaia_sources", TargetColumn = "source_id" },
                Rule("flux_gt", RuleKind.Compare, "flux", "expect flux > 0", p, 0L) with { Operator = ">", Tolerance = 0.005 },
                Rule("band_in", RuleKind.In, "band", "expect band in", p, "G", "BP", "RP"),
            ],
            new RetentionSymbol(new PolicyDuration(365, DurationUnit.Day), "observed_at", offsite, "parquet", RetentionAction.Delete, [], at.At("retain 365 days")),
            [],
            [new GrantSymbol("read", Role("researcher"), at.At("grant read to researcher", p)), new GrantSymbol("read", Role("analyst"), at.At("grant read to researcher", p))],
            at.At(p));

        var o = "dataset observation_logs";
        var logs = new DatasetSymbol(
            "observation_logs", telemetry, LocationKind.Collection, "obs_logs", null, "observatory-ops", "glitch", levels[2], "_id", [],
            [
                Rule("telescope_in", RuleKind.In, "telescope", "expect telescope in", o, "T1", "T2", "T3"),
                Rule("exposure_s_gt", RuleKind.Compare, "exposure_s", "expect exposure_s > 0", o, 0L) with { Operator = ">" },
                Rule("operator_not_null", RuleKind.NotNull, "operator", "expect operator not null", o),
                Rule("long_exposure_only_in_survey", RuleKind.CSharp, null, "expect csharp", o) with { Expression = "doc.exposure_s < 3600 || doc.mode == \"survey\"", Fields = ["exposure_s", "mode"] },
            ],
            new RetentionSymbol(new PolicyDuration(90, DurationUnit.Day), "observed_at", null, null, RetentionAction.Delete, [], at.At("retain 90 days")),
            [],
            [new GrantSymbol("read", Role("dba"), at.At("grant read to dba"))],
            at.At(o));

        var r = "dataset raw_frames";
        var frames = new DatasetSymbol(
            "raw_frames", offsite, LocationKind.Prefix, "raw/fits/", null, "observatory-ops", null, levels[3], null, [],
            [
                Rule("objects_at_least", RuleKind.ObjectsAtLeast, null, "expect objects at least 1", r, 1L),
                Rule("object_age_fresher_than", RuleKind.ObjectAgeFresherThan, null, "expect object-age", r) with { Window = new PolicyDuration(1, DurationUnit.Day) },
            ],
            new RetentionSymbol(new PolicyDuration(5, DurationUnit.Year), null, null, null, RetentionAction.Delete, [], at.At("retain 5 years")),
            [], [], at.At(r));

        var audit = new AuditSymbol(research, "governance.audit_log", new PolicyDuration(1, DurationUnit.Year), true, at.At("audit {"));
        var backup = new BackupSymbol(
            "databases", [research, telemetry], "Iperius Backup",
            [new BackupSchedule(SchedulePeriod.Week, 4, at.At("every        week")), new BackupSchedule(SchedulePeriod.Month, 1, at.At("every        month"))],
            new PolicyDuration(30, DurationUnit.Day), offsite, "aes256", SchedulePeriod.Quarter, at.At("backup databases"));
        var required = new[] { "3.1", "3.2", "3.3", "3.4", "3.11", "6.1", "8.2", "11.2", "11.4" }
            .Select(id => new SafeguardReference(id, at.At(id, "require"))).ToList();
        var controls = new ControlsSymbol(
            "cis-v8", required,
            [new EvidenceSymbol("3.1", "Data discovery and classification procedures for research databases", at.At("evidence 3.1"))],
            [], at.At("controls cis-v8"));
        var approvals = new[] { ("crainbramp", "Infrastructure Engineering (Tier 3)"), ("FarmerBoy", "Database Operations (Tier 2)"), ("glitch", "System Operations (Tier 1/2)") }
            .Select(a => new ApprovalSymbol(a.Item1, a.Item2, new DateOnly(2025, 7, 27), ApprovalStatus.Approved, null, at.At($"approval \"{a.Item1}\""))).ToList();
        var change = new ChangeSymbol("1.0", new DateOnly(2025, 7, 27), "VintageDon", "Initial database data management policy", at.At("change \"1.0\""));
        return new BoundPolicy(header, levels, roles, [research, telemetry, offsite], [gaia, photometry, logs, frames], audit, [backup], controls, approvals, [change], []);
    }

    private static Dictionary<string, BoundSetting> Settings(params BoundSetting[] settings) => settings.ToDictionary(s => s.Keyword);
}
