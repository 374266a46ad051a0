namespace PolicyLang.Benchmarks.LanguageServer;

/// <summary>
/// The server's resident memory after opening a large policy, then at checkpoints through many edits. Edits come in
/// bursts, as typing does: the server re-diagnoses after each burst (its quiet time swallows the edits within one).
/// Growth from checkpoint to checkpoint beyond noise would mean edits leak (old texts, snapshots, trees kept alive).
/// </summary>
internal static class MemoryBenchmark
{
    public sealed record Row(int Lines, double StartedMb, double OpenedMb, IReadOnlyList<(int Edits, double Mb)> Checkpoints);

    public static async Task<Row> Run(string policycDll, string text, int edits, int burst, int checkpoints)
    {
        using var folder = BenchFolder.With("main.gov", text);
        await using var server = await ServerProcess.StartAsync(policycDll, folder.Path);
        var started = Mb(server.ResidentBytes());
        await server.Open(folder.Uri, text).WaitAsync(TimeSpan.FromMinutes(2));
        var opened = Mb(server.ResidentBytes());

        var typo = new Typo(text);
        var every = Math.Max(1, edits / checkpoints);
        var readings = new List<(int, double)>();
        for (var edit = 1; edit <= edits; edit++)
        {
            var (range, newText) = typo.Next();
            var published = server.Change(folder.Uri, edit + 1, range, newText);
            if (edit % burst == 0 || edit % every == 0 || edit == edits)
            {
                await published.WaitAsync(TimeSpan.FromMinutes(2));
            }

            if (edit % every == 0)
            {
                readings.Add((edit, Mb(server.ResidentBytes())));
            }
        }

        return new Row(text.Count(c => c == '\n'), started, opened, readings);
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
