using System.Diagnostics;
using PolicyLang.Benchmarks;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Text;

// `check` throughput: parse + bind + controls on generated policies of growing size.
// Goal (issue 2): under 1 s for 100k lines, linear growth from 25k to 100k.
int[] sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [25_000, 50_000, 75_000, 100_000];
var today = DateOnly.FromDateTime(DateTime.UtcNow);

// Warm up the JIT and the parser tables on a small policy so the table measures steady state.
for (var i = 0; i < 3; i++)
{
    PolicyCompilation.Create([new SourceFile("warmup.gov", PolicyGenerator.Generate(5_000))], today);
}

Console.WriteLine("| lines | chars | best of 5 (ms) | lines/s | MB/s | ms per 25k lines | diagnostics |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
foreach (var size in sizes)
{
    var text = PolicyGenerator.Generate(size);
    var lineCount = text.Count(c => c == '\n');
    var best = double.MaxValue;
    var diagnostics = 0;
    for (var run = 0; run < 5; run++)
    {
        var watch = Stopwatch.StartNew();
        var compilation = PolicyCompilation.Create([new SourceFile("bench.gov", text)], today);
        watch.Stop();
        best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        diagnostics = compilation.Diagnostics.Count;
    }

    Console.WriteLine($"| {lineCount:N0} | {text.Length:N0} | {best:F0} | {lineCount / (best / 1000):N0} | {text.Length / 1e6 / (best / 1000):F1} | {best / (lineCount / 25_000.0):F0} | {diagnostics} |");
}
