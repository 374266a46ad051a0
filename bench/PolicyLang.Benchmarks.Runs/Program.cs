// Whole-process figures of `policyc` (docs/performance.md): cold start against a .NET hello world, and retention against each
// engine's own COPY + DELETE, measured in the same run.
// Usage: dotnet run -c Release --project bench/PolicyLang.Benchmarks.Runs -- <policyc>[,<policyc>...] [--rows N] [--repeat N]
//        [--memory 250000,5000000] [--only cold,folder,s3,postgres,memory]
// Each <policyc> is an executable (a `dotnet publish` output's policyc), optionally labelled: before=/tmp/before/policyc,after=/tmp/after/policyc;
// several are measured interleaved in the same run, against the same engine timings.
// S3 and PostgreSQL need POLICYLANG_TEST_S3_URL and POLICYLANG_TEST_PG_URL (source scripts/services.sh; services_start); without them those rows are skipped.
using System.Globalization;
using PolicyLang.Benchmarks.Runs;

if (args is ["hello"])
{
    Console.WriteLine("Hello, World!");
    return 0;
}

var binaries = (args.Length > 0 ? args[0] : throw new ArgumentException("usage: <policyc>[,<policyc>...] [--rows N] [--repeat N] [--memory a,b] [--only ...]"))
    .Split(',').Select(a => a.Split('=', 2)).Select(p => p.Length == 2 ? new Policyc(p[0], Path.GetFullPath(p[1])) : new Policyc(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(p[0])))!, Path.GetFullPath(p[0])))
    .ToList();
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var rows = long.Parse(Option("--rows") ?? "1000000", CultureInfo.InvariantCulture);
var repeat = int.Parse(Option("--repeat") ?? "3", CultureInfo.InvariantCulture);
var memory = (Option("--memory") ?? "250000,5000000").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
var only = (Option("--only") ?? "cold,folder,s3,postgres,memory").Split(',');
var repository = FindRepository();
var work = Path.Combine(Path.GetTempPath(), "pl-bench-runs-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
Console.WriteLine($"policyc: {string.Join(", ", binaries.Select(b => $"{b.Label} = {b.Path}"))}; {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start");
try
{
    if (only.Contains("cold"))
    {
        ColdStart.Run(binaries, repository, work, Math.Max(repeat, 5));
    }

    var retention = new Retention(binaries, work, rows, repeat);
    if (only.Contains("folder"))
    {
        retention.DuckDbToFolder();
    }

    if (only.Contains("s3") && Environment.GetEnvironmentVariable("POLICYLANG_TEST_S3_URL") is { Length: > 0 } s3)
    {
        retention.DuckDbToS3(s3);
    }

    if (only.Contains("postgres") && Environment.GetEnvironmentVariable("POLICYLANG_TEST_PG_URL") is { Length: > 0 } pg)
    {
        await retention.PostgresToFolderAsync(pg);
    }

    if (only.Contains("memory"))
    {
        retention.Memory(memory);
    }

    retention.Print();
    Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at end");
}
finally
{
    Directory.Delete(work, recursive: true);
}

return 0;

static string FindRepository()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolicyLang.sln")))
            {
                return dir.FullName;
            }
        }
    }

    throw new InvalidOperationException("run from inside the repository");
}
