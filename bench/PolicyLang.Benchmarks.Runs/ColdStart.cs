using DuckDB.NET.Data;
using static PolicyLang.Benchmarks.Runs.Table;

namespace PolicyLang.Benchmarks.Runs;

/// <summary>Wall time of short `policyc` commands against a .NET hello world (this harness's own executable), measured in the same run.</summary>
internal static class ColdStart
{
    public static void Run(IReadOnlyList<Policyc> binaries, string repository, string work, int repeat)
    {
        var hello = Path.Combine(AppContext.BaseDirectory, "PolicyLang.Benchmarks.Runs");
        var big = Path.Combine(work, "big");
        Directory.CreateDirectory(big);
        File.WriteAllText(Path.Combine(big, "big.gov"), PolicyLang.Benchmarks.PolicyGenerator.Generate(100_000));
        var cases = new List<(string Name, string Label, string File, string[] Args, string Directory, double? Goal)>
        {
            (".NET hello world", "", hello, ["hello"], work, null),
        };
        foreach (var b in binaries)
        {
            var empty = Path.Combine(work, "empty-" + Guid.NewGuid().ToString("N")[..8]);
            var dll = Policies.Build(b.Path, Policies.DuckDbToFolder, empty);
            using (var connection = new DuckDBConnection($"Data Source={Path.Combine(empty, "data.duckdb")}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE events (id BIGINT PRIMARY KEY, name VARCHAR, tag VARCHAR, amount DOUBLE, created TIMESTAMPTZ)";
                command.ExecuteNonQuery();
            }

            cases.Add(("policyc --version", b.Label, b.Path, ["--version"], work, null));
            cases.Add(("policyc check examples/quickstart", b.Label, b.Path, ["check", "examples/quickstart"], repository, 0.2));
            cases.Add(("policyc check (100k-line policy)", b.Label, b.Path, ["check", "big"], work, 1.0));
            cases.Add(("policyc run <built dll> (empty DuckDB table)", b.Label, b.Path, ["run", dll], empty, 0.5));
        }

        var times = cases.Select(_ => new List<double>()).ToList();
        var rss = cases.Select(_ => new List<double>()).ToList();
        foreach (var c in cases)
        {
            Measured.Run(c.File, c.Args, c.Directory); // warm the file cache
        }

        for (var r = 0; r < repeat; r++)
        {
            // Interleaved, so a burst of load from other work on the machine touches every case alike.
            for (var i = 0; i < cases.Count; i++)
            {
                var m = Measured.Run(cases[i].File, cases[i].Args, cases[i].Directory);
                times[i].Add(m.Seconds);
                rss[i].Add(m.PeakRssMb);
            }
        }

        var helloTime = Median(times[0]);
        Print($"Cold start: median wall of {repeat} interleaved runs (s)", ["command", "policyc", "wall (s)", "min (s)", "× hello world", "peak RSS (MB)", "goal (s)"],
            cases.Select((c, i) => new[]
            {
                c.Name, c.Label, F(Median(times[i]), "0.000"), F(times[i].Min(), "0.000"), F(Median(times[i]) / helloTime, "0.0"), F(Median(rss[i]), "0"),
                c.Goal is { } g ? "≤ " + F(g, "0.0") : "",
            }));
    }
}
