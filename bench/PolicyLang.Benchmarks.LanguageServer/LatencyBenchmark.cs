using System.Diagnostics;

namespace PolicyLang.Benchmarks.LanguageServer;

/// <summary>
/// Time from sending an edit to receiving the diagnostics the server publishes for it (the quiet-time delay included),
/// on a warm server: what an author waits for between typing and the squiggle. The server's CPU time per edit is
/// steadier than wall time on a shared machine (other processes' load does not count in it).
/// </summary>
internal static class LatencyBenchmark
{
    public sealed record Row(string Policy, int Lines, double OpenMs, int Edits, double MedianMs, double P95Ms, double MaxMs, double CpuMs);

    public static async Task<Row> Run(string policycDll, string name, string text, int warmup, int edits)
    {
        using var folder = BenchFolder.With("main.gov", text);
        await using var server = await ServerProcess.StartAsync(policycDll, folder.Path);
        var opened = Stopwatch.GetTimestamp();
        var openMs = Stopwatch.GetElapsedTime(opened, await server.Open(folder.Uri, text)).TotalMilliseconds;

        var typo = new Typo(text);
        var version = 1;
        var times = new List<double>();
        var cpu = TimeSpan.Zero;
        for (var i = 0; i < warmup + edits; i++)
        {
            var (range, newText) = typo.Next();
            var cpuBefore = server.ProcessorTime();
            var sent = Stopwatch.GetTimestamp();
            var published = await server.Change(folder.Uri, ++version, range, newText).WaitAsync(TimeSpan.FromMinutes(1));
            if (i >= warmup)
            {
                times.Add(Stopwatch.GetElapsedTime(sent, published).TotalMilliseconds);
                cpu += server.ProcessorTime() - cpuBefore;
            }
        }

        times.Sort();
        return new Row(name, text.Count(c => c == '\n'), openMs, edits, Percentile(times, 0.5), Percentile(times, 0.95), times[^1], cpu.TotalMilliseconds / edits);
    }

    private static double Percentile(List<double> sorted, double fraction) => sorted[(int)Math.Ceiling(fraction * sorted.Count) - 1];
}
