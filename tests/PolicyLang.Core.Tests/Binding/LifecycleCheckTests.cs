using PolicyLang.Core.Binding.Model;
using Xunit;
using static PolicyLang.Core.Tests.Binding.BindingAssert;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>Retention, masks, grants and test blocks (GOV0300–GOV0399).</summary>
public class LifecycleCheckTests
{
    [Theory]
    [InlineData("dataset a in research table \"a\" { retain 1 day by ts then delete\n retain 2 days by ts then delete }", "GOV0300", "retain")]
    [InlineData("dataset a in research table \"a\" { retain 1 day by last-modified then delete }", "GOV0301", "last-modified")]
    [InlineData("dataset a in archive prefix \"r/\" { retain 1 day by created then delete }", "GOV0302", "created")]
    [InlineData("dataset a in research table \"a\" { column n bigint retain 1 day by n then delete }", "GOV0303", "n")]
    [InlineData("dataset a in research table \"a\" { retain 1 day by ts then archive to research as parquet then delete }", "GOV0304", "research")]
    [InlineData("dataset a in research table \"a\" { retain 1 day by ts then archive to vault as parquet then delete }", "GOV0119", "vault")]
    [InlineData("dataset a in research table \"a\" { retain 1 day by ts then archive to archive as csv then delete }", "GOV0305", "csv")]
    [InlineData("dataset a in archive prefix \"r/\" { retain 1 day by last-modified then anonymize who }", "GOV0306", "anonymize")]
    [InlineData("dataset a in research table \"a\" { retain 0 days by ts then delete }", "GOV0112", "0 days")]
    [InlineData("dataset a in research table \"a\" { mask email with md5 }", "GOV0307", "md5")]
    [InlineData("dataset a in research table \"a\" { mask card with last(0) }", "GOV0308", "0")]
    [InlineData("dataset a in research table \"a\" { mask email with sha256\n mask email with redact }", "GOV0309", "email")]
    [InlineData("dataset a in research table \"a\" { grant admin to analyst }", "GOV0310", "admin")]
    [InlineData("dataset a in research table \"a\" { grant read to analysts }", "GOV0311", "analysts")]
    [InlineData("dataset a in research table \"a\" { grant read to analyst, analyst }", "GOV0312", "analyst")]
    [InlineData("dataset a in research table \"a\" { expect ra between 0 and 1 }\ntest a { row { ra: 2 } fails ra_betwen }", "GOV0313", "ra_betwen")]
    [InlineData("dataset a in research table \"a\" { column ra double }\ntest a { row { rb: 2 } passes }", "GOV0202", "rb")]
    [InlineData("dataset a in research table \"a\" { }\ntest a { row { ra: 2, ra: 3 } passes }", "GOV0109", "ra")]
    [InlineData("dataset a in research table \"a\" { }\ntest a { row { ra: maybe } passes }", "GOV0217", "maybe")]
    [InlineData("dataset a in research table \"a\" { }\ntest a { row { on: 2025-02-29 } passes }", "GOV0111", "2025-02-29")]
    [InlineData("dataset a in research table \"a\" { column ra double }\ntest a { row { ra: \"x\" } passes }", "GOV0314", "\"x\"")]
    [InlineData("dataset a in research table \"a\" { column id bigint }\ntest a { row { id: now } passes }", "GOV0314", "now")]
    [InlineData("dataset a in research table \"a\" { column on date }\ntest a { row { on: 5 } passes }", "GOV0314", "5")]
    public void Reports(string fragment, string code, string underlined) => AssertDiagnostic(fragment, code, underlined);

    private const string Chain = "dataset a in research table \"a\" {\n key id\n column id bigint\n column ts timestamp\n column at timestamp\n column who text\n column ip text\n";

    [Theory]
    [InlineData(" retain 5 years by ts then anonymize who\n retain 2 years by ts then delete }", "GOV0316", "2 years")]
    [InlineData(" retain 2 years by ts then anonymize who\n retain 2 years by ts then delete }", "GOV0316", "2 years")]
    [InlineData(" retain 1 year by ts then anonymize who\n retain 12 months by ts then delete }", "GOV0316", "12 months")]
    [InlineData(" retain 1 year by ts then anonymize who\n retain 365 days by ts then delete }", "GOV0316", "365 days")]
    [InlineData(" retain 1 month by ts then anonymize who\n retain 30 days by ts then delete }", "GOV0316", "30 days")]
    [InlineData(" retain 5 years by ts then delete\n retain 2 years by ts then anonymize who }", "GOV0316", "2 years")]
    [InlineData(" retain 1 year by ts then delete\n retain 2 years by ts then anonymize who }", "GOV0300", "retain")]
    [InlineData(" retain 1 year by ts then archive to archive as parquet then delete\n retain 2 years by ts then delete }", "GOV0300", "retain")]
    [InlineData(" retain 1 year by at then anonymize who\n retain 2 years by ts then delete }", "GOV0317", "ts")]
    [InlineData(" retain 1 year by ts then anonymize id }", "GOV0318", "id")]
    [InlineData(" retain 1 year by ts then anonymize who\n retain 2 years by at then anonymize ts, ip }", "GOV0318", "ts")]
    [InlineData(" retain 1 year by ts then anonymize who\n retain 2 years by ts then anonymize who, ip }", "GOV0319", "who")]
    [InlineData(" retain 1 year by ts then archive to archive as parquet then anonymize who\n retain 2 years by ts then archive to archive as jsonl then delete }", "GOV0320", "archive")]
    [InlineData(" retain 1 year by ts then delete\n retain 2 years by ts in archive then delete }", "GOV0321", "archive")]
    [InlineData(" retain 2 years by ts in archive then delete\n retain 3 years by ts then archive to archive as parquet then delete }", "GOV0321", "archive")]
    [InlineData(" retain 1 year by ts then archive to archive as parquet then delete\n retain 2 years by ts in archive then anonymize who }", "GOV0322", "anonymize")]
    [InlineData(" retain 1 year by ts then archive to archive as parquet then delete\n retain 2 years by ts in archive then archive to archive as parquet then delete }", "GOV0322", "archive to archive as parquet then")]
    [InlineData(" retain 1 year by ts then archive to archive as parquet then delete\n retain 2 years by at in archive then delete }", "GOV0323", "at")]
    [InlineData(" retain 1 year by ts then archive to archive as parquet then delete\n retain 2 years by ts in archive then delete\n retain 3 years by ts in archive then delete }", "GOV0324", "archive")]
    [InlineData(" retain 1 year by ts then archive to archive as parquet then delete\n retain 2 years by ts in vault then delete }", "GOV0119", "vault")]
    public void Reports_chain_mistakes(string stages, string code, string underlined) => AssertDiagnostic(Chain + stages, code, underlined);

    [Fact]
    public void A_lifecycle_chain_binds_in_order()
    {
        var a = AssertNoErrors(Chain
            + " retain 2 years by ts then anonymize who, ip\n"
            + " retain 5 years by ts then archive to archive as parquet then delete\n"
            + " retain 10 years by ts in archive then delete\n}").Bound.FindDataset("a")!;
        Assert.Equal(["2 years anonymize", "5 years delete", "10 years delete"], a.Lifecycle.Select(s => $"{s.Window} {s.Action.ToString().ToLowerInvariant()}"));
        Assert.Same(a.Lifecycle[0], a.Retention);
        Assert.Equal((null, "archive", null), (a.Lifecycle[0].ArchiveStore?.Name, a.Lifecycle[1].ArchiveStore?.Name, a.Lifecycle[1].CopiesIn?.Name));
        Assert.Equal("archive", a.Lifecycle[2].CopiesIn!.Name);
        Assert.Equal([false, true, false], a.Lifecycle.Select(s => s.DeletesRows));
    }

    [Fact]
    public void Months_and_days_order_when_every_calendar_agrees()
    {
        AssertNoErrors(Chain + " retain 30 days by ts then anonymize who\n retain 2 months by ts then archive to archive as parquet then delete\n retain 400 days by ts in archive then delete\n}");
    }

    [Fact]
    public void Retention_masks_and_grants_bind()
    {
        var a = AssertNoErrors(
            "dataset a in research table \"a\" {\n  key id\n  column id bigint\n  column ts timestamp\n  column who text pii\n  column card text\n"
            + "  retain 2 years by ts then archive to archive as jsonl then anonymize who, card\n"
            + "  mask card with last(4)\n  mask who with redact\n  grant read to analyst\n  grant write to analyst\n}").Bound.FindDataset("a")!;
        var retention = a.Retention!;
        Assert.Equal((new PolicyDuration(2, DurationUnit.Year), "ts", "archive", "jsonl", RetentionAction.Anonymize), (retention.Window, retention.ByColumn, retention.ArchiveStore!.Name, retention.ArchiveFormat, retention.Action));
        Assert.Equal(["who", "card"], retention.AnonymizeColumns);
        Assert.Equal([("card", "last", 4), ("who", "redact", 0)], a.Masks.Select(m => (m.Column, m.Method, m.Keep)));
        Assert.Equal(["read analyst", "write analyst"], a.Grants.Select(g => $"{g.Privilege} {g.Role.Name}"));
    }

    [Fact]
    public void Test_row_literals_bind()
    {
        var test = AssertNoErrors(
            "dataset a in research table \"a\" { column x bigint column s text column i int column d double column b bool column f boolean column n text column t timestamp column day date\n expect x unique }\n"
            + "test a { row { s: \"t\", i: -3, d: 2.5, b: true, f: false, n: null, t: now, day: 2025-07-27 } fails x_unique }").Bound.Tests.Single();
        var fields = test.Rows.Single().Fields;
        Assert.Equal("t", fields["s"].Value);
        Assert.Equal(-3L, fields["i"].Value);
        Assert.Equal(2.5, fields["d"].Value);
        Assert.Equal((true, false), (fields["b"].Value, fields["f"].Value));
        Assert.Null(fields["n"].Value);
        Assert.False(fields["n"].IsNow);
        Assert.True(fields["t"].IsNow);
        Assert.Equal(new DateOnly(2025, 7, 27), fields["day"].Value);
        Assert.Equal(["x_unique"], test.Rows.Single().ExpectedFailures);
        Assert.False(test.Rows.Single().ExpectPass);
    }
}
