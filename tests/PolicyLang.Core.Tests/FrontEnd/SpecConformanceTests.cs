using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Text;
using PolicyLang.Core.Tests.Binding;
using Xunit;
using static PolicyLang.Core.Tests.FrontEnd.FrontEndAssert;

namespace PolicyLang.Core.Tests.FrontEnd;

/// <summary>
/// LANGUAGE.md line by line: each construct in a small policy that must parse and bind without a
/// single diagnostic, and carry the written value into the bound model.
/// </summary>
public sealed class SpecConformanceTests
{
    private static RuleSymbol Rule(string members, string name = "") =>
        Dataset(members).Rules.Single(r => name.Length == 0 || r.Name == name);

    private static DatasetSymbol Dataset(string members) =>
        Clean($"dataset d in research table \"t\" {{\n{members}\n}}").FindDataset("d")!;

    [Fact]
    public void Comments_of_both_kinds_and_newlines_are_insignificant()
    {
        var policy = Clean("/* a block\n   comment */ role /* inline */ auditor // trailing\n \"Auditors\"");
        Assert.Equal("Auditors", policy.Roles.Single(r => r.Name == "auditor").Description);
    }

    [Fact]
    public void String_escapes_are_decoded_and_other_backslashes_kept()
    {
        var policy = Clean("role r \"say \\\"hi\\\" \\\\ tab\\there\\nnext \\d\"");
        Assert.Equal("say \"hi\" \\ tab\there\nnext \\d", policy.Roles.Single(r => r.Name == "r").Description);
    }

    [Fact]
    public void A_regex_reads_as_written()
    {
        var rule = Rule("expect email matches \"^[^@\\s]+@[^@\\s]+\\.\\w+$\"");
        Assert.Equal("^[^@\\s]+@[^@\\s]+\\.\\w+$", rule.Operands[0].Value);
    }

    [Fact]
    public void Negative_decimal_and_whole_numbers_keep_their_values()
    {
        var dataset = Dataset("expect dec between -90 and 90.5\nexpect flux > -0.25\nexpect n != 0");
        Assert.Equal([-90L, 90.5], dataset.Rules[0].Operands.Select(o => o.Value));
        Assert.Equal(-0.25, dataset.Rules[1].Operands[0].Value);
        Assert.Equal(("!=", 0L), (dataset.Rules[2].Operator, dataset.Rules[2].Operands[0].Value));
    }

    [Theory]
    [InlineData("0.5%", 0.005)]
    [InlineData("0%", 0.0)]
    [InlineData("100%", 1.0)]
    [InlineData("12%", 0.12)]
    public void Tolerance_percentages_become_fractions(string written, double fraction) =>
        Assert.Equal(fraction, Rule($"expect id unique tolerance {written}").Tolerance!.Value, 12);

    [Theory]
    [InlineData("1 minute", 1, DurationUnit.Minute)]
    [InlineData("5 minutes", 5, DurationUnit.Minute)]
    [InlineData("1 hour", 1, DurationUnit.Hour)]
    [InlineData("12 hours", 12, DurationUnit.Hour)]
    [InlineData("1 day", 1, DurationUnit.Day)]
    [InlineData("2 days", 2, DurationUnit.Day)]
    [InlineData("1 week", 1, DurationUnit.Week)]
    [InlineData("3 weeks", 3, DurationUnit.Week)]
    [InlineData("1 month", 1, DurationUnit.Month)]
    [InlineData("6 months", 6, DurationUnit.Month)]
    [InlineData("1 year", 1, DurationUnit.Year)]
    [InlineData("5 years", 5, DurationUnit.Year)]
    public void Durations_singular_and_plural(string written, int amount, DurationUnit unit) =>
        Assert.Equal(new PolicyDuration(amount, unit), Rule($"expect seen fresher than {written}").Window);

    [Fact]
    public void Dates_bind_to_calendar_dates()
    {
        var policy = Clean("approval \"Ann\" role \"Owner\" on 2024-02-29 approved\nchange \"2\" on 2025-12-31 by \"Ann\" \"Leap day approval\"");
        Assert.Equal(new DateOnly(2024, 2, 29), policy.Approvals.Single().Date);
        Assert.Equal(new DateOnly(2025, 12, 31), policy.Changes.Single().Date);
        Assert.Equal(new DateOnly(2025, 1, 1), Rule("expect on >= 2025-01-01").Operands[0].Value);
    }

    [Fact]
    public void Policy_settings_in_any_order()
    {
        var header = Clean(
            "policy \"Other\" { frameworks cis-v8, iso-27001-2022 description \"d\" review every 6 months owner \"o\" version \"2.1\" }\nclassification public",
            prelude: false).Header!;
        Assert.Equal(("Other", "2.1", "o", "d"), (header.Title, header.Version, header.Owner, header.Description));
        Assert.Equal(new PolicyDuration(6, DurationUnit.Month), header.ReviewEvery);
        Assert.Equal(["cis-v8", "iso-27001-2022"], header.Frameworks.Select(f => f.Id));
    }

    [Fact]
    public void Classification_levels_are_ranked_in_order()
    {
        var levels = Clean("policy \"p\" { version \"1\" }\nclassification low < mid < high", prelude: false).Classification;
        Assert.Equal([("low", 0), ("mid", 1), ("high", 2)], levels.Select(l => (l.Name, l.Rank)));
    }

    [Fact]
    public void Every_store_kind_with_every_setting()
    {
        var policy = Clean(
            """
            store pg postgres { connection env("PG_URL") tls preferred }
            store mongo mongodb { tls disabled connection env("MONGO_URL") }
            store lake s3 { bucket "b" region "eu-west-1" endpoint "http://localhost:9000" storage-class standard-ia encryption kms "arn:aws:kms:eu-west-1:1:key/k" }
            store cold s3 { bucket "c" endpoint env("S3_URL") storage-class deep-archive encryption aes256 }
            store local duckdb { file "data/lab.duckdb" }
            store shelf folder { path "archive" }
            """);
        Assert.Equal(("PG_URL", "preferred"), (policy.FindStore("pg")!.Settings["connection"].EnvironmentVariable, policy.FindStore("pg")!.Setting("tls")));
        Assert.Equal(("MONGO_URL", StoreKind.MongoDb), (policy.FindStore("mongo")!.Settings["connection"].EnvironmentVariable, policy.FindStore("mongo")!.Kind));
        var lake = policy.FindStore("lake")!;
        Assert.Equal(["b", "eu-west-1", "http://localhost:9000", "standard-ia", "kms"], new[] { "bucket", "region", "endpoint", "storage-class", "encryption" }.Select(lake.Setting));
        Assert.Equal("arn:aws:kms:eu-west-1:1:key/k", lake.Settings["encryption"].Argument);
        Assert.Equal("S3_URL", policy.FindStore("cold")!.Settings["endpoint"].EnvironmentVariable);
        Assert.Equal("data/lab.duckdb", policy.FindStore("local")!.Setting("file"));
        Assert.Equal("archive", policy.FindStore("shelf")!.Setting("path"));
    }

    [Fact]
    public void Every_location_kind_in_its_stores()
    {
        var policy = Clean(
            """
            store mongo mongodb { connection env("M") }
            store local duckdb { file "l.duckdb" }
            store shelf folder { path "a" }
            dataset t in research table "s.t" { }
            dataset c in mongo collection "c" { }
            dataset p in archive prefix "raw/" { }
            dataset f in shelf file "f.parquet" { }
            dataset lt in local table "lt" { }
            dataset lf in local file "lf.csv" { }
            """);
        Assert.Equal(
            [("t", LocationKind.Table, "s.t"), ("c", LocationKind.Collection, "c"), ("p", LocationKind.Prefix, "raw/"), ("f", LocationKind.File, "f.parquet"), ("lt", LocationKind.Table, "lt"), ("lf", LocationKind.File, "lf.csv")],
            policy.Datasets.Select(d => (d.Name, d.LocationKind, d.Location)));
    }

    [Fact]
    public void Dataset_descriptions_and_columns()
    {
        var dataset = Dataset(
            "description \"Sources\" owner \"astro\" steward \"Ann\" classification confidential key id\ncolumn id bigint not null\ncolumn email varchar(255) pii not null\ncolumn amount numeric(10, 2)\nmask email with sha256");
        Assert.Equal(("Sources", "astro", "Ann", "confidential", "id"), (dataset.Description, dataset.Owner, dataset.Steward, dataset.Classification?.Name, dataset.Key));
        Assert.Equal(
            [("id", "bigint", true, false), ("email", "varchar(255)", true, true), ("amount", "numeric(10, 2)", false, false)],
            dataset.Columns.Select(c => (c.Name, c.Type, c.NotNull, c.Pii)));
    }

    [Fact]
    public void Every_column_rule_form_with_its_default_name()
    {
        var dataset = Dataset(
            "expect a not null\nexpect b unique\nexpect c between 1 and 2\nexpect d in [\"x\", \"y\",]\nexpect e matches \"^x\"\nexpect f > 1\nexpect g < 1\nexpect h >= 1\nexpect i <= 1\nexpect j = \"v\"\nexpect k != true\nexpect l fresher than 2 days\nexpect meta.site not null");
        Assert.Equal(
            ["a_not_null", "b_unique", "c_between", "d_in", "e_matches", "f_gt", "g_lt", "h_ge", "i_le", "j_eq", "k_ne", "l_fresher_than", "meta_site_not_null"],
            dataset.Rules.Select(r => r.Name));
        Assert.Equal(["x", "y"], dataset.Rules[3].Operands.Select(o => o.Value));
        Assert.Equal(true, dataset.Rules[10].Operands[0].Value);
    }

    [Fact]
    public void References_name_the_target_dataset_and_column()
    {
        var policy = Clean("dataset src in research table \"s\" { column id bigint }\ndataset d in research table \"t\" { expect src_id references src.id or null }");
        var rule = policy.FindDataset("d")!.Rules.Single();
        Assert.Equal(("src_id_references", "src", "id", true), (rule.Name, rule.TargetDataset, rule.TargetColumn, rule.OrNull));
    }

    [Theory]
    [InlineData("expect m between 3 and 21 or null as plausible severity warn tolerance 1% covers 3.2")]
    [InlineData("expect m between 3 and 21 as plausible or null severity warn tolerance 1% covers 3.2")]
    [InlineData("expect m between 3 and 21 covers 3.2 tolerance 1% severity warn as plausible or null")]
    [InlineData("expect m between 3 and 21 severity warn covers 3.2 or null as plausible tolerance 1%")]
    public void Rule_options_and_or_null_in_any_order(string written)
    {
        var rule = Rule(written);
        Assert.Equal(("plausible", RuleSeverity.Warn, true), (rule.Name, rule.Severity, rule.OrNull));
        Assert.Equal(0.01, rule.Tolerance!.Value, 12);
        Assert.Equal(["3.2"], rule.Covers.Select(c => c.Id));
    }

    [Fact]
    public void Severity_defaults_to_error()
    {
        Assert.Equal([RuleSeverity.Error, RuleSeverity.Info], Dataset("expect a unique\nexpect b unique severity info").Rules.Select(r => r.Severity));
    }

    [Fact]
    public void Dataset_level_rules_and_their_default_names()
    {
        Assert.Equal(("rows_at_least", 1000L), (Rule("expect rows at least 1000").Name, Rule("expect rows at least 1000").Operands[0].Value));
        var csharp = Rule("expect csharp \"doc.exposure_s < 3600 || doc.mode == \\\"survey\\\"\"");
        Assert.Equal(("csharp", "doc.exposure_s < 3600 || doc.mode == \"survey\""), (csharp.Name, csharp.Expression));
        Assert.Equal(["exposure_s", "mode"], csharp.Fields);
    }

    [Fact]
    public void Prefix_rules_and_last_modified_retention()
    {
        var frames = Clean("dataset frames in archive prefix \"raw/\" { expect objects at least 3 expect object-age fresher than 2 hours retain 5 years by last-modified then delete }")
            .FindDataset("frames")!;
        Assert.Equal(["objects_at_least", "object_age_fresher_than"], frames.Rules.Select(r => r.Name));
        Assert.Equal(3L, frames.Rules[0].Operands[0].Value);
        Assert.Equal(new PolicyDuration(2, DurationUnit.Hour), frames.Rules[1].Window);
        Assert.Equal((new PolicyDuration(5, DurationUnit.Year), (string?)null, RetentionAction.Delete), (frames.Retention!.Window, frames.Retention.ByColumn, frames.Retention.Action));
    }

    [Fact]
    public void Retention_with_archive_then_delete()
    {
        var retention = Dataset("key id\ncolumn id bigint\ncolumn ts timestamptz\nretain 30 days by ts then archive to archive as jsonl then delete").Retention!;
        Assert.Equal(("ts", "archive", "jsonl", RetentionAction.Delete), (retention.ByColumn, retention.ArchiveStore?.Name, retention.ArchiveFormat, retention.Action));
    }

    [Fact]
    public void Retention_that_anonymizes_columns()
    {
        var retention = Dataset("key id\ncolumn id bigint\ncolumn at date\ncolumn email text\ncolumn name text\nretain 1 year by at then anonymize email, name").Retention!;
        Assert.Equal((RetentionAction.Anonymize, (string?)null), (retention.Action, retention.ArchiveStore?.Name));
        Assert.Equal(["email", "name"], retention.AnonymizeColumns);
    }

    [Fact]
    public void Masks_and_grants()
    {
        // A read grant gives the unmasked table: that conflict (GOV0338) is the only diagnostic.
        var compilation = BindingAssert.CompileFragment("dataset d in research table \"t\" {\nmask a with sha256\nmask b with redact\nmask card with last(4)\ngrant read to analyst\ngrant write to analyst\n}");
        Assert.Equal(["GOV0338"], compilation.Diagnostics.Select(d => d.Code));
        var dataset = compilation.Bound.FindDataset("d")!;
        Assert.Equal([("a", "sha256", 0), ("b", "redact", 0), ("card", "last", 4)], dataset.Masks.Select(m => (m.Column, m.Method, m.Keep)));
        Assert.Equal([("read", "analyst"), ("write", "analyst")], dataset.Grants.Select(g => (g.Privilege, g.Role.Name)));
    }

    [Fact]
    public void Audit_settings_in_any_order()
    {
        var audit = Clean("audit { tamper-evident retain 1 year table \"gov.audit\" store research }").Audit!;
        Assert.Equal(("research", "gov.audit", new PolicyDuration(1, DurationUnit.Year), true), (audit.Store?.Name, audit.Table, audit.Retain, audit.TamperEvident));
    }

    [Fact]
    public void Backup_with_every_period_and_setting()
    {
        var backup = Clean(
            "backup all { covers research, archive tool \"restic\" every day keep 7 every week keep 4 every month keep 12 every quarter keep 4 every year keep 3 retain 90 days offsite archive encryption kms \"key-1\" restore-test every quarter }")
            .Backups.Single();
        Assert.Equal(["research", "archive"], backup.Covers.Select(s => s.Name));
        Assert.Equal(
            [(SchedulePeriod.Day, 7), (SchedulePeriod.Week, 4), (SchedulePeriod.Month, 12), (SchedulePeriod.Quarter, 4), (SchedulePeriod.Year, 3)],
            backup.Schedules.Select(s => (s.Period, s.Keep)));
        Assert.Equal(("restic", new PolicyDuration(90, DurationUnit.Day), "archive", "kms", "key-1", SchedulePeriod.Quarter), (backup.Tool, backup.Retain, backup.Offsite?.Name, backup.Encryption, backup.EncryptionKey, backup.RestoreTestEvery));
    }

    [Fact]
    public void Controls_require_evidence_and_waive()
    {
        var controls = Clean("policy \"p\" { version \"1\" owner \"o\" review every 1 year }\nclassification public\ncontrols cis-v8 { require 3.1 evidence 3.1 \"Inventory\" waive 3.10 \"Legacy TLS\" until 2027-06-30 }", prelude: false).Controls!;
        Assert.Equal(["3.1"], controls.Required.Select(r => r.Id));
        Assert.Equal(("3.1", "Inventory"), (controls.Evidence.Single().SafeguardId, controls.Evidence.Single().Text));
        Assert.Equal(("3.10", "Legacy TLS", new DateOnly(2027, 6, 30)), (controls.Waivers.Single().SafeguardId, controls.Waivers.Single().Reason, controls.Waivers.Single().Until));
    }

    [Fact]
    public void Approvals_of_every_status_and_a_change()
    {
        var policy = Clean("approval \"A\" role \"R1\" on 2025-07-27 approved\napproval \"B\" role \"R2\" on 2025-07-28 pending \"legal review\"\napproval \"C\" role \"R3\" on 2025-07-29 rejected\nchange \"1.1\" on 2025-08-01 by \"A\" \"Tightened retention\"");
        Assert.Equal([ApprovalStatus.Approved, ApprovalStatus.Pending, ApprovalStatus.Rejected], policy.Approvals.Select(a => a.Status));
        Assert.Equal("legal review", policy.Approvals[1].Comment);
        Assert.Equal(("1.1", "A", "Tightened retention"), (policy.Changes.Single().Version, policy.Changes.Single().Author, policy.Changes.Single().Description));
    }

    [Fact]
    public void Test_rows_with_now_null_and_every_literal()
    {
        var policy = Clean(
            "dataset d in research table \"t\" { column ts timestamptz column n bigint column s text column ok boolean column on date expect n > 0 }\ntest d {\n row { ts: now, n: -5, s: \"x\", ok: true, on: 2025-01-01 } fails n_gt\n row { ts: null, n: 1, } passes\n}");
        var rows = policy.Tests.Single().Rows;
        Assert.True(rows[0].Fields["ts"].IsNow);
        Assert.Equal([-5L, "x", true, new DateOnly(2025, 1, 1)], new[] { "n", "s", "ok", "on" }.Select(f => rows[0].Fields[f].Value));
        Assert.False(rows[0].ExpectPass);
        Assert.Equal(["n_gt"], rows[0].ExpectedFailures);
        Assert.Null(rows[1].Fields["ts"].Value);
        Assert.False(rows[1].Fields["ts"].IsNow);
        Assert.True(rows[1].ExpectPass);
    }

    [Fact]
    public void Files_given_together_form_one_policy()
    {
        var main = new SourceFile("policy/main.gov", "policy \"Split\" { version \"1\" }\nclassification public < internal");
        var stores = new SourceFile("policy/stores.gov", "store research postgres { connection env(\"PG_URL\") }");
        var data = new SourceFile("policy/data.gov", "dataset orders in research table \"o\" { classification internal expect customer_id references customers.id }\ndataset customers in research table \"c\" { }\ntest orders { row { customer_id: 1 } passes }");
        var compilation = PolicyCompilation.Create([data, main, stores], Today);
        Assert.Empty(compilation.Diagnostics);
        Assert.Equal("Split", compilation.Bound.Header!.Title);
        Assert.Equal(("internal", "research"), (compilation.Bound.FindDataset("orders")!.Classification?.Name, compilation.Bound.FindDataset("orders")!.Store.Name));
        Assert.Equal("policy/data.gov", compilation.Bound.FindDataset("customers")!.Declaration.File.Path);
    }

    [Fact]
    public void Keyword_like_column_names_stay_columns()
    {
        var dataset = Dataset("expect rows not null\nexpect objects unique\nexpect csharp = true\nexpect env = \"prod\"");
        Assert.Equal(["rows_not_null", "objects_unique", "csharp_eq", "env_eq"], dataset.Rules.Select(r => r.Name));
    }
}
