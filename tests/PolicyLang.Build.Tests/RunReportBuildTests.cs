using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyLang.Build.Tests.Infrastructure;

namespace PolicyLang.Build.Tests;

/// <summary>
/// <c>PolicyLangRunReport</c> and <c>PolicyLangAcceptRunReport</c> on a real <c>dotnet build</c>: the documents in bin/ take their
/// statuses from a real <c>policyc run --json</c> report (Failing where a rule the safeguard relies on failed), a report of
/// another policy version fails the build with the refusal, and accepting it builds documents that say so.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class RunReportBuildTests(LocalPackages packages)
{
    [Fact]
    public void A_run_report_makes_the_safeguards_of_its_failed_rules_failing_and_another_version_is_refused_unless_accepted()
    {
        // Projects/Valid, with `kind in [...]` claimed as evidence for the required 3.1: the seeded comet breaks it.
        var directory = packages.CopySample("Valid", "Valid-run-report");
        var datasets = Path.Combine(directory, "datasets.gov");
        var text = File.ReadAllText(datasets);
        var claimed = text.Replace("expect kind in [\"star\", \"galaxy\", \"nebula\"]", "expect kind in [\"star\", \"galaxy\", \"nebula\"] covers 3.1", StringComparison.Ordinal);
        Assert.NotEqual(text, claimed);
        File.WriteAllText(datasets, claimed);

        var policyOnly = DotnetBuild.Run(packages, directory);
        Assert.True(policyOnly.ExitCode == 0, policyOnly.Output);
        var bin = Path.Combine(directory, "bin", "Debug", "net10.0");
        using (var json = ReadJson(Path.Combine(bin, "compliance.json")))
        {
            Assert.Equal("policy", json.RootElement.GetProperty("derivedFrom").GetString());
            Assert.NotEqual("failing", Control(json, "3.1").GetProperty("status").GetString());
        }

        ValidPolicyBuildTests.Seed(Path.Combine(directory, "lab.duckdb"));
        var report = Path.Combine(directory, "report.json");
        var run = ProcessRunner.Run("dotnet", [packages.PolicycDll, "run", Path.Combine(bin, "Valid.Enforcement.dll"), "--json", report], directory);
        Assert.True(run.ExitCode == 1, run.Output);

        var informed = DotnetBuild.Run(packages, directory, $"PolicyLangRunReport={report}");
        Assert.True(informed.ExitCode == 0, informed.Output);
        using (var json = ReadJson(Path.Combine(bin, "compliance.json")))
        {
            Assert.Equal("run", json.RootElement.GetProperty("derivedFrom").GetString());
            Assert.Equal("failing", json.RootElement.GetProperty("status").GetString());
            var control = Control(json, "3.1");
            Assert.Equal("failing", control.GetProperty("status").GetString());
            Assert.Equal("targets.kind_in", control.GetProperty("failedSteps")[0].GetProperty("name").GetString());
            Assert.NotEqual("failing", Control(json, "3.3").GetProperty("status").GetString());
        }

        Assert.Contains("**Failing** (failed in the run: rule targets.kind_in", File.ReadAllText(Path.Combine(bin, "compliance.md")), StringComparison.Ordinal);

        // The same report claiming another version of the policy: refused, the build fails and names the way out.
        var stale = JsonNode.Parse(File.ReadAllText(report))!;
        stale["policyVersion"] = "0.0.9";
        var staleReport = Path.Combine(directory, "stale-report.json");
        File.WriteAllText(staleReport, stale.ToJsonString());
        var refused = DotnetBuild.Run(packages, directory, $"PolicyLangRunReport={staleReport}");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("the run report is of policy version 0.0.9, the policy is version 0.1", refused.Output, StringComparison.Ordinal);
        Assert.Contains("PolicyLangAcceptRunReport=true", refused.Output, StringComparison.Ordinal);

        var accepted = DotnetBuild.Run(packages, directory, $"PolicyLangRunReport={staleReport}", "PolicyLangAcceptRunReport=true");
        Assert.True(accepted.ExitCode == 0, accepted.Output);
        using (var json = ReadJson(Path.Combine(bin, "compliance.json")))
        {
            Assert.Contains("policy version 0.0.9", json.RootElement.GetProperty("runReportAcceptedDespite").GetString(), StringComparison.Ordinal);
            Assert.Equal("failing", Control(json, "3.1").GetProperty("status").GetString());
        }

        Assert.Contains("Run report accepted despite", File.ReadAllText(Path.Combine(bin, "compliance.md")), StringComparison.Ordinal);
    }

    private static JsonDocument ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path));

    private static JsonElement Control(JsonDocument json, string id) =>
        json.RootElement.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
}
