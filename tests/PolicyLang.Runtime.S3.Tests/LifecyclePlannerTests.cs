using System.Text.Json;
using System.Xml.Linq;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>policyc plan: the lifecycle configuration equivalent to the policy's prefix retention.</summary>
public sealed class LifecyclePlannerTests
{
    private static PolicyModel Lab()
    {
        var offsite = new StoreModel("offsite", "s3", new Dictionary<string, SettingValue>
        {
            ["bucket"] = SettingValue.Of("lab-offsite-archive"),
            ["storage-class"] = SettingValue.Of("glacier-flexible-retrieval"),
        });
        var frames = new DatasetModel("raw_frames", "offsite", LocationKind.Prefix, "raw/fits/", null, "restricted", [],
            [Policies.Rule("objects_at_least", RuleKind.ObjectsAtLeast, 1L)],
            new RetentionModel(new Duration(5, DurationUnit.Year), null, null, null, "delete", [], Policies.Src), [], [], Policies.Src);
        var events = new DatasetModel("events", "db", LocationKind.Table, "events", "id", "internal", [], [],
            new RetentionModel(new Duration(30, DurationUnit.Day), "created", "offsite", "parquet", "delete", [], Policies.Src), [], [], Policies.Src);
        return new PolicyModel("lab", "Lab", [Policies.Db, offsite], [events, frames], null, []);
    }

    [Fact]
    public void Prefix_retention_becomes_an_expiration_rule_and_archives_an_abort_rule()
    {
        var plan = S3NativeRetentionPlanner.Plan(Lab());

        var bucket = Assert.Single(plan.Buckets);
        Assert.Equal("lab-offsite-archive", bucket.Bucket);
        Assert.Equal(2, bucket.Rules.Count);
        Assert.Equal(new S3LifecycleRule("policylang-lab-raw_frames", "raw/fits/", 1830, null, bucket.Rules[0].Reason), bucket.Rules[0]);
        Assert.Equal(("lab/", 7), (bucket.Rules[1].Prefix, bucket.Rules[1].AbortIncompleteMultipartUploadDays!.Value));
        Assert.Contains(plan.RunnerOnly, l => l.Contains("objects_at_least", StringComparison.Ordinal));
        Assert.Contains(plan.RunnerOnly, l => l.Contains("exact cutoff", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_is_what_the_aws_cli_takes_and_xml_what_the_rest_api_takes()
    {
        var bucket = S3NativeRetentionPlanner.Plan(Lab()).Buckets.Single();

        using var json = JsonDocument.Parse(S3NativeRetentionPlanner.RenderJson(bucket));
        var rule = json.RootElement.GetProperty("Rules")[0];
        Assert.Equal("raw/fits/", rule.GetProperty("Filter").GetProperty("Prefix").GetString());
        Assert.Equal("Enabled", rule.GetProperty("Status").GetString());
        Assert.Equal(1830, rule.GetProperty("Expiration").GetProperty("Days").GetInt32());
        Assert.Equal(7, json.RootElement.GetProperty("Rules")[1].GetProperty("AbortIncompleteMultipartUpload").GetProperty("DaysAfterInitiation").GetInt32());

        var xml = XDocument.Parse(S3NativeRetentionPlanner.RenderXml(bucket));
        XNamespace s3 = "http://s3.amazonaws.com/doc/2006-03-01/";
        Assert.Equal(s3 + "LifecycleConfiguration", xml.Root!.Name);
        Assert.Equal("1830", xml.Root.Element(s3 + "Rule")!.Element(s3 + "Expiration")!.Element(s3 + "Days")!.Value);

        var text = S3NativeRetentionPlanner.Render(Lab());
        Assert.Contains("aws s3api put-bucket-lifecycle-configuration --bucket lab-offsite-archive", text);
        Assert.Contains("# Enforced by the runner (policyc run), not by S3:", text);
    }

    [Theory]
    [InlineData(90, DurationUnit.Minute, 1)]
    [InlineData(30, DurationUnit.Hour, 2)]
    [InlineData(30, DurationUnit.Day, 30)]
    [InlineData(2, DurationUnit.Week, 14)]
    [InlineData(6, DurationUnit.Month, 186)]
    [InlineData(1, DurationUnit.Year, 366)]
    public void S3_never_expires_before_the_policy_window(int amount, DurationUnit unit, int days) =>
        Assert.Equal(days, S3NativeRetentionPlanner.Days(new Duration(amount, unit)));

    [Fact]
    public void A_bucket_from_the_environment_is_shown_as_a_variable()
    {
        var policy = Policies.Prefix(new StoreModel("s", "s3", new Dictionary<string, SettingValue> { ["bucket"] = SettingValue.Env("LAB_BUCKET") }),
            "raw/", [], new Duration(10, DurationUnit.Day));
        Assert.Equal("${LAB_BUCKET}", S3NativeRetentionPlanner.Plan(policy).Buckets.Single().Bucket);
    }
}
