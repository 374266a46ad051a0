using Xunit;
using static PolicyLang.Core.Tests.Binding.BindingAssert;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>Declarations, names, values, stores, audit, backup, controls, approvals and changes (GOV0100–GOV0199).</summary>
public class DeclarationCheckTests
{
    private const string Head = "policy \"Lab\" { version \"1\" }\nclassification public < internal\n";

    [Theory]
    [InlineData(Head + "policy \"Again\" { version \"2\" }", "GOV0101", "policy")]
    [InlineData(Head + "classification low < high", "GOV0103", "classification")]
    [InlineData("policy \"Lab\" { version \"1\" }\nclassification public < internal < public", "GOV0104", "public")]
    [InlineData("role analyst \"again\"", "GOV0105", "analyst")]
    [InlineData("store research duckdb { file \"x.duckdb\" }", "GOV0105", "research")]
    [InlineData("dataset a in research table \"a\" { }\ndataset a in research table \"b\" { }", "GOV0105", "a")]
    [InlineData("backup b { covers research }\nbackup b { covers research }", "GOV0105", "b")]
    [InlineData("audit { store research table \"a\" }\naudit { store research table \"b\" }", "GOV0106", "audit")]
    [InlineData("controls cis-v8 { require 3.1 }\ncontrols cis-v8 { require 3.2 }", "GOV0107", "cis-v8")]
    [InlineData("controls cis-v9 { require 3.1 }", "GOV0108", "cis-v9")]
    [InlineData("policy \"Lab\" { version \"1\" version \"2\" }\nclassification a < b", "GOV0109", "version")]
    [InlineData("policy \"Lab\" { frameworks cis-v8, cis-v8 }\nclassification a < b", "GOV0109", "cis-v8")]
    [InlineData("policy \"Lab\" { frameworks cis-v8, iso-27001-2023 }\nclassification a < b", "GOV0110", "iso-27001-2023")]
    [InlineData("approval \"Ann\" role \"Owner\" on 2025-02-30 approved", "GOV0111", "2025-02-30")]
    [InlineData("change \"1.1\" on 2025-13-01 by \"Ann\" \"tidy\"", "GOV0111", "2025-13-01")]
    [InlineData("controls cis-v8 { waive 3.4 \"ok\" until 2027-04-31 }", "GOV0111", "2027-04-31")]
    [InlineData("policy \"Lab\" { review every 0 days }\nclassification a < b", "GOV0112", "0 days")]
    [InlineData("audit { store research table \"a\" retain -3 days }", "GOV0112", "-3 days")]
    [InlineData("backup b { covers research retain 1.5 days }", "GOV0112", "1.5 days")]
    [InlineData("store ops postgres { connection env(\"1PG\") }", "GOV0113", "\"1PG\"")]
    [InlineData("backup b { covers research every fortnight keep 2 }", "GOV0114", "fortnight")]
    [InlineData("backup b { covers research restore-test every weak }", "GOV0114", "weak")]
    [InlineData("backup b { covers research every week keep 0 }", "GOV0115", "0")]
    [InlineData("approval \"Ann\" role \"Owner\" on 2025-01-10 aproved", "GOV0116", "aproved")]
    [InlineData("controls cis-v8 { waive 3.4 until 2027-01-01 }", "GOV0117", "waive 3.4 until 2027-01-01")]
    [InlineData("controls cis-v8 { waive 3.4 \"reason\" }", "GOV0117", "waive 3.4 \"reason\"")]
    [InlineData("controls cis-v8 { waive 3.4 \"reason\" until 2025-12-31 }", "GOV0403", "waive 3.4 \"reason\" until 2025-12-31")]
    [InlineData("dataset a in reserch table \"a\" { }", "GOV0119", "reserch")]
    [InlineData("audit { store nowhere table \"a\" }", "GOV0119", "nowhere")]
    [InlineData("backup b { covers research, telemetry }", "GOV0119", "telemetry")]
    [InlineData("backup b { covers research offsite vault }", "GOV0119", "vault")]
    [InlineData("store cache redis { }", "GOV0120", "redis")]
    [InlineData("store cache postgress { connection env(\"X\") }", "GOV0120", "postgress")]
    [InlineData("store ops postgres { connection env(\"PG\") bucket \"b\" }", "GOV0121", "bucket")]
    [InlineData("store files folder { path \"d\" tls required }", "GOV0121", "tls")]
    [InlineData("store ops postgres { tls required }", "GOV0122", "ops")]
    [InlineData("store ops mongodb { tls required }", "GOV0122", "ops")]
    [InlineData("store vault s3 { region \"eu\" }", "GOV0122", "vault")]
    [InlineData("store local duckdb { }", "GOV0122", "local")]
    [InlineData("store files folder { }", "GOV0122", "files")]
    [InlineData("store ops postgres { connection env(\"PG\") tls requried }", "GOV0123", "requried")]
    [InlineData("store vault s3 { bucket \"v\" storage-class glacier }", "GOV0123", "glacier")]
    [InlineData("store vault s3 { bucket \"v\" encryption aes128 }", "GOV0123", "aes128")]
    [InlineData("store vault s3 { bucket \"v\" encryption aes256 \"key\" }", "GOV0123", "\"key\"")]
    [InlineData("store ops postgres { connection \"postgresql://u:p@db/x\" }", "GOV0124", "\"postgresql://u:p@db/x\"")]
    [InlineData("store vault s3 { bucket \"v\" encryption kms }", "GOV0125", "encryption kms")]
    [InlineData("backup b { covers research encryption kms }", "GOV0125", "encryption kms")]
    [InlineData("store vault s3 { bucket vault }", "GOV0126", "vault")]
    [InlineData("store ops postgres { connection PG_URL }", "GOV0126", "PG_URL")]
    [InlineData("store ops postgres { connection env(\"PG\") tls \"required\" }", "GOV0126", "\"required\"")]
    [InlineData("audit { table \"a\" }", "GOV0127", "audit")]
    [InlineData("audit { store research }", "GOV0128", "audit")]
    public void Reports(string fragment, string code, string underlined) => AssertDiagnostic(fragment, code, underlined);

    [Fact]
    public void Missing_policy_is_located_at_the_first_files_start()
    {
        var compilation = Compile("\n\nclassification public < internal");
        var diagnostic = Assert.Single(compilation.Diagnostics, d => d.Code == "GOV0100");
        Assert.Equal((1, 1), (diagnostic.Start.Line, diagnostic.Start.Column));
        var missing = Assert.Single(Compile("policy \"Lab\" { }").Diagnostics);
        Assert.Equal("GOV0102", missing.Code);
    }

    [Fact]
    public void A_literal_connection_is_never_echoed()
    {
        var diagnostic = AssertDiagnostic("store ops postgres { connection \"Host=db;Password=hunter2\" }", "GOV0124", "\"Host=db;Password=hunter2\"");
        Assert.DoesNotContain("hunter2", diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Host=db", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_bind_to_literals_or_environment_variables()
    {
        var policy = AssertNoErrors("store vault s3 { bucket \"v\" endpoint env(\"S3_URL\") encryption kms \"arn:key\" storage-class deep-archive }").Bound;
        var vault = policy.FindStore("vault")!;
        Assert.Equal(("v", null), (vault.Settings["bucket"].Literal, vault.Settings["bucket"].EnvironmentVariable));
        Assert.Equal((null, "S3_URL"), (vault.Settings["endpoint"].Literal, vault.Settings["endpoint"].EnvironmentVariable));
        Assert.Equal(("kms", "arn:key"), (vault.Setting("encryption"), vault.Settings["encryption"].Argument));
        Assert.True(vault.CanHoldArchives);
    }

    [Fact]
    public void A_store_of_unknown_kind_is_dropped_without_cascading_errors()
    {
        var compilation = CompileFragment("store cache redis { connection env(\"R\") }\ndataset hits in cache table \"hits\" { }");
        Assert.Equal(["GOV0120"], compilation.Diagnostics.Select(d => d.Code));
        Assert.Null(compilation.Bound.FindStore("cache"));
        Assert.Null(compilation.Bound.FindDataset("hits"));
    }

    [Fact]
    public void Backups_controls_approvals_and_changes_bind()
    {
        var policy = AssertNoErrors(
            "backup b { covers research every day keep 7 encryption kms \"k\" restore-test every year }\n"
            + "controls cis-v8 { require 3.1 waive 3.4 \"handled by IT\" until 2026-06-30 }\n"
            + "approval \"Ann\" role \"Owner\" on 2025-01-10 pending \"after review\"\n"
            + "change \"1.1\" on 2025-02-01 by \"Ann\" \"tidy\"").Bound;
        var backup = policy.Backups.Single();
        Assert.Equal(("kms", "k", PolicyLang.Core.Binding.Model.SchedulePeriod.Year), (backup.Encryption, backup.EncryptionKey, backup.RestoreTestEvery));
        var waiver = policy.Controls!.Waivers.Single();
        Assert.Equal(("3.4", "handled by IT", new DateOnly(2026, 6, 30)), (waiver.SafeguardId, waiver.Reason, waiver.Until));
        Assert.Equal((PolicyLang.Core.Binding.Model.ApprovalStatus.Pending, "after review"), (policy.Approvals.Single().Status, policy.Approvals.Single().Comment));
        Assert.Equal(new DateOnly(2025, 2, 1), policy.Changes.Single().Date);
    }
}
