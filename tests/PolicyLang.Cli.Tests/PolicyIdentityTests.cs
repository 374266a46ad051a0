using System.Runtime.Loader;
using DuckDB.NET.Data;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// One policy identity (issue 16): `run` on the folder or the file, `build`, `plan`, `test` and `audit verify` all use the
/// policy's own name, and a run finishes the incomplete batches an earlier version left under the name it derived.
/// </summary>
public sealed class PolicyIdentityTests : IDisposable
{
    private readonly Scratch scratch = new();

    public PolicyIdentityTests()
    {
        var init = Tests.Policyc.Run(scratch.Path, scratch.Cache, "init", "genomics-lab");
        Assert.True(init.ExitCode == 0, init.ToString());
    }

    public void Dispose() => scratch.Dispose();

    private string Folder => Path.Combine(scratch.Path, "genomics-lab");

    private string Gov => Path.Combine(Folder, "genomics-lab.gov");

    // Without `name` the identity is the title's slug, which neither the folder nor the file is called.
    private void RemoveName() =>
        File.WriteAllLines(Gov, File.ReadAllLines(Gov).Where(l => !l.TrimStart().StartsWith("name ", StringComparison.Ordinal)));

    private Result Policyc(params string[] args) => Tests.Policyc.Run(scratch.Path, scratch.Cache, args);

    [Fact]
    public void Every_policyc_verb_uses_the_identity_from_the_policy_whether_given_the_folder_or_the_file()
    {
        RemoveName();
        const string identity = "genomics-lab-data-policy";

        var byFolder = Policyc("run", "genomics-lab", "--json", "folder.json", "--dry-run");
        Assert.True(byFolder.ExitCode == 0, byFolder.ToString());
        var byFile = Policyc("run", "genomics-lab/genomics-lab.gov", "--json", "file.json");
        Assert.True(byFile.ExitCode == 0, byFile.ToString());
        Assert.Equal(identity, RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "folder.json"))).Policy);
        Assert.Equal(identity, RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "file.json"))).Policy);

        // Archive paths and audit records carry it; nothing was written under the folder's or the file's name.
        var archive = Path.Combine(Folder, "archive");
        Assert.Equal([identity], Directory.EnumerateDirectories(archive).Select(Path.GetFileName));
        Assert.All(File.ReadAllLines(Path.Combine(archive, identity, "audit.jsonl")), l => Assert.Contains($"\"policy\":\"{identity}\"", l, StringComparison.Ordinal));

        var build = Policyc("build", "genomics-lab/genomics-lab.gov", "-o", "out");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(File.Exists(Path.Combine(scratch.Path, "out", $"{identity}.Enforcement.dll")), build.ToString());

        var plan = Policyc("plan", "genomics-lab");
        Assert.Contains($"policy {identity} (archives under <archive>/{identity}/<dataset>/)", plan.Stdout, StringComparison.Ordinal);
        var test = Policyc("test", "genomics-lab/genomics-lab.gov");
        Assert.Contains($"/{identity}.Enforcement.dll", test.Stderr, StringComparison.Ordinal);
        var audit = Policyc("audit", "verify", "out/" + identity + ".Enforcement.dll", "--base-dir", "genomics-lab");
        Assert.True(audit.ExitCode == 0, audit.ToString());
    }

    [Fact]
    public async Task A_run_finishes_a_batch_interrupted_under_the_name_an_earlier_version_derived_from_the_folder()
    {
        // What policyc before issue 16 left behind after `policyc run genomics-lab` crashed: batches under `genomics-lab`
        // (the folder's name). The starter's `name "genomics-lab"` reproduces that layout exactly; batch 2 stops after verify.
        var built = Policyc("build", "genomics-lab", "-o", "old");
        Assert.True(built.ExitCode == 0, built.ToString());
        var old = Load(Path.Combine(scratch.Path, "old", "genomics-lab.Enforcement.dll"));
        var interrupted = await PolicyRunner.RunAsync(old, new RunOptions
        {
            BaseDirectory = Folder,
            BatchSize = 1,
            Checks = false,
            FaultInjection = p => p is { Name: FaultPoint.AfterVerify, Batch: 2 } ? throw new IOException("crash") : ValueTask.CompletedTask,
        }, CancellationToken.None);
        Assert.Contains("crash", interrupted.Retention.Single(r => r.Stage == 1).Error, StringComparison.Ordinal);
        Assert.Equal(6, Count("SELECT count(*) FROM main.samples"));
        var legacy = Path.Combine(Folder, "archive", "genomics-lab", "samples");
        Assert.Equal(2, Manifests(legacy).Count);
        Assert.Single(Directory.EnumerateFiles(legacy, "*.done", SearchOption.AllDirectories));

        // This version, without `name`: the identity is the title's slug, and the run finishes the old batch first.
        RemoveName();
        var run = Policyc("run", "genomics-lab", "--json", "report.json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var retention = RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "report.json"))).Retention.Single(r => r.Stage == 1);
        Assert.Equal((1, 1, 1), (retention.Recovered, retention.Archived, retention.Deleted));

        // No row lost or duplicated: the two expired rows are gone from the table, each in exactly one verified archive.
        Assert.Equal(5, Count("SELECT count(*) FROM main.samples"));
        Assert.Equal(0, Count("SELECT count(*) FROM main.samples WHERE sample_id IN (6, 7)"));
        var keys = Directory.EnumerateDirectories(Path.Combine(Folder, "archive"))
            .Where(d => Directory.Exists(Path.Combine(d, "samples")))
            .SelectMany(d => Manifests(Path.Combine(d, "samples")))
            .SelectMany(m => m.Keys).Order().ToList();
        Assert.Equal(["6", "7"], keys);
        Assert.Equal(2, Directory.EnumerateFiles(legacy, "*.done", SearchOption.AllDirectories).Count());

        // The tamper-evident trail begun under the old name goes on in place, one unbroken chain.
        Assert.False(File.Exists(Path.Combine(Folder, "archive", "genomics-lab-data-policy", "audit.jsonl")));
        var verify = Policyc("audit", "verify", "genomics-lab");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        var again = Policyc("run", "genomics-lab", "--json", "again.json");
        Assert.Equal(0, RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "again.json"))).Retention.Single(r => r.Stage == 1).Recovered);
    }

    private long Count(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(Folder, "data.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<ArchiveManifest> Manifests(string folder) =>
        Directory.EnumerateFiles(folder, "*.manifest.json", SearchOption.AllDirectories).Select(f => ArchiveManifest.FromJson(File.ReadAllText(f))).ToList();

    private static IEnforcementPolicy Load(string dll) =>
        (IEnforcementPolicy)Activator.CreateInstance(AssemblyLoadContext.Default.LoadFromAssemblyPath(dll).GetExportedTypes().Single(t => typeof(IEnforcementPolicy).IsAssignableFrom(t)))!;
}
