using System.Text.Json;
using Xunit;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// `policyc docs --run-report` with a report of a real run: the safeguards whose evidence failed in it are Failing (a rule's
/// `covers`, a backup whose copies are missing); a report of another policy version is refused unless accepted, then flagged.
/// </summary>
public sealed class RunInformedDocsTests : IDisposable
{
    private const string Policy = """
        policy "Claims" { version "1.0" owner "o" review every 90 days name "claims" }
        classification public
        role reader "Readers"
        store local duckdb { file "claims.duckdb" }
        store copies folder { path "copies" }
        dataset missing in local table "main.missing" {
          owner "o" classification public key id
          expect id unique covers 8.11
          retain 30 days by created_at then delete
        }
        backup nightly {
          covers local
          every week keep 4
          retain 30 days
          evidence in copies prefix "backups/"
        }
        controls cis-v8 { require 3.2, 3.4, 11.2 }
        """;

    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    private Result Policyc(params string[] args) => Tests.Policyc.Run(scratch.Path, scratch.Cache, args);

    [Fact]
    public void A_real_run_makes_the_safeguards_of_its_failed_steps_failing_and_another_version_is_refused()
    {
        scratch.File("claims.gov", Policy);
        var run = Policyc("run", ".", "--json", "report.json");
        Assert.Equal(2, run.ExitCode);
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(scratch.Path, "report.json"))))
        {
            Assert.Equal("1.0", report.RootElement.GetProperty("policyVersion").GetString());
            var backup = report.RootElement.GetProperty("backups")[0];
            Assert.Equal("failed", backup.GetProperty("status").GetString());
            Assert.Contains("no copy under 'backups/'", backup.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var docs = Policyc("docs", ".", "-o", "docs", "--run-report", "report.json");
        Assert.True(docs.ExitCode == 0, docs.ToString());
        var markdown = File.ReadAllText(Path.Combine(scratch.Path, "docs", "compliance.md"));
        string Row(string id) => markdown.Split('\n').Single(l => l.StartsWith($"| **CIS.{id}**", StringComparison.Ordinal));
        Assert.Contains("**Failing** (failed in the run: rule missing.id_unique: not evaluated", Row("8.11"), StringComparison.Ordinal);
        Assert.Contains("**Failing** (failed in the run: backup nightly: failed: no copy under 'backups/'", Row("11.2"), StringComparison.Ordinal);
        Assert.Contains("**Failing**", Row("3.4"), StringComparison.Ordinal); // the retention of a missing table errored
        Assert.DoesNotContain("Failing", Row("3.2"), StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(scratch.Path, "docs", "compliance.json"))))
        {
            Assert.Equal("run", json.RootElement.GetProperty("derivedFrom").GetString());
            Assert.Equal("1.0", json.RootElement.GetProperty("policyVersion").GetString());
        }

        scratch.File("claims.gov", Policy.Replace("version \"1.0\"", "version \"1.1\"", StringComparison.Ordinal));
        var refused = Policyc("docs", ".", "-o", "refused", "--run-report", "report.json");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("the run report is of policy version 1.0, the policy is version 1.1", refused.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch.Path, "refused")));

        var accepted = Policyc("docs", ".", "-o", "accepted", "--run-report", "report.json", "--accept-run-report");
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains("**Run report accepted despite** | **the run report is of policy version 1.0, the policy is version 1.1**",
            File.ReadAllText(Path.Combine(scratch.Path, "accepted", "compliance.md")), StringComparison.Ordinal);
    }
}
