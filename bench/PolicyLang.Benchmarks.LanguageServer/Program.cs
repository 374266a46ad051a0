using System.Globalization;
using PolicyLang.Benchmarks;
using PolicyLang.Benchmarks.LanguageServer;

// `policyc lsp` under an editor's load, measured on the real server process (docs/language-server.md, "Performance").
// Goals (issue 12): diagnostics published <= 150 ms after an edit on the lab policy, <= 1 s on a 25k-line policy (warm
// server); the server's memory after opening a 100k-line policy and after 1,000 edits, with no growth beyond noise.
// Options: --edits N (timed edits per policy, 40), --memory-edits N (1000), --burst N (edits per re-diagnosis, 10).
var options = Options(args);
var policyc = BenchFolder.PolicycDll();
var lab = File.ReadAllText(Path.Combine(BenchFolder.Repository(), "examples", "astronomy-lab", "lab.gov"));
Console.WriteLine($"server: dotnet {policyc} lsp ({Environment.ProcessorCount} cores)");
Console.WriteLine();

Console.WriteLine("Diagnostics published after an edit (a column name misspelled, then put right; warm server; 50 ms quiet time included)");
Console.WriteLine();
Console.WriteLine("| policy | lines | first diagnostics after didOpen (ms) | edits timed | median (ms) | p95 (ms) | max (ms) | server CPU per edit (ms) | goal |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
foreach (var (name, text, goal) in new[] { ("astronomy-lab", lab, "<= 150 ms"), ("generated 25k", PolicyGenerator.Generate(25_000), "<= 1 s") })
{
    var row = await LatencyBenchmark.Run(policyc, name, text, warmup: 10, options.Edits);
    Console.WriteLine($"| {row.Policy} | {row.Lines:N0} | {row.OpenMs:F0} | {row.Edits} | {row.MedianMs:F0} | {row.P95Ms:F0} | {row.MaxMs:F0} | {row.CpuMs:F0} | {goal} |");
}

Console.WriteLine();
Console.WriteLine($"Server memory (RSS) with a 100k-line policy open, through {options.MemoryEdits:N0} edits (re-diagnosed every {options.Burst} edits)");
Console.WriteLine();
var memory = await MemoryBenchmark.Run(policyc, PolicyGenerator.Generate(100_000), options.MemoryEdits, options.Burst, checkpoints: 4);
Console.WriteLine("| lines | started (MB) | opened (MB) | " + string.Join(" | ", memory.Checkpoints.Select(c => $"after {c.Edits:N0} edits (MB)")) + " |");
Console.WriteLine("|---:|---:|---:|" + string.Concat(memory.Checkpoints.Select(_ => "---:|")));
Console.WriteLine($"| {memory.Lines:N0} | {memory.StartedMb:F0} | {memory.OpenedMb:F0} | " + string.Join(" | ", memory.Checkpoints.Select(c => c.Mb.ToString("F0", CultureInfo.InvariantCulture))) + " |");

static (int Edits, int MemoryEdits, int Burst) Options(string[] args)
{
    int Value(string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    return (Value("--edits", 40), Value("--memory-edits", 1_000), Value("--burst", 10));
}
