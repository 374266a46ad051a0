using System.Diagnostics;
using PolicyLang.Benchmarks;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Text;

// `check` throughput: parse + bind + controls on generated policies of growing size.
// Goal (issue 2): under 1 s for 100k lines, linear growth from 25k to 100k.
var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [25_000, 50_000, 75_000, 100_000];
var today = DateOnly.FromDateTime(DateTime.UtcNow);

// Warm up the JIT and the parser tables on a small policy so the table measures steady state.
for (var i = 0; i < 3; i++)
{
    PolicyCompilation.Create([new SourceFile("warmup.gov", PolicyGenerator.Generate(5_000))], today);
}

// Wall time is what users wait for; CPU time (this process) is steadier on a shared 2-core machine.
Console.WriteLine("| lines | chars | parse only, best (ms) | check, best wall (ms) | check, best CPU (ms) | lines/s | ms per 25k lines | diagnostics |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var size in sizes)
{
    var text = PolicyGenerator.Generate(size);
    var lineCount = text.Count(c => c == '\n');
    var best = double.MaxValue;
    var bestCpu = double.MaxValue;
    var bestParse = double.MaxValue;
    var diagnostics = 0;
    var process = Process.GetCurrentProcess();
    for (var run = 0; run < 5; run++)
    {
        var file = new SourceFile("bench.gov", text);
        var parse = Stopwatch.StartNew();
        PolicyLang.Core.Parsing.PolicyParser.Parse(file);
        bestParse = Math.Min(bestParse, parse.Elapsed.TotalMilliseconds);

        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var compilation = PolicyCompilation.Create([file], today);
        watch.Stop();
        process.Refresh();
        best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalMilliseconds);
        diagnostics = compilation.Diagnostics.Count;
    }

    Console.WriteLine($"| {lineCount:N0} | {text.Length:N0} | {bestParse:F0} | {best:F0} | {bestCpu:F0} | {lineCount / (best / 1000):N0} | {best / (lineCount / 25_000.0):F0} | {diagnostics} |");
}
