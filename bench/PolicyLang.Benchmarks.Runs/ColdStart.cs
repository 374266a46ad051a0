using DuckDB.NET.Data;
using static PolicyLang.Benchmarks.Runs.Table;

namespace PolicyLang.Benchmarks.Runs;

/// <summary>Wall time of short `policyc` commands against a .NET hello world (this harness's own executable), measured in the same run.</summary>
internal static class ColdStart
{
    public static void Run(string policyc, string repository, string work, int repeat)
    {
        var hello = Path.Combine(AppContext.BaseDirectory, "PolicyLang.Benchmarks.Runs");
        var big = Path.Combine(work, "big");
        Directory.CreateDirectory(big);
        File.WriteAllText(Path.Combine(big, "big.gov"), PolicyLang.Benchmarks.PolicyGenerator.Generate(100_000));
        var empty = Path.Combine(work, "empty");
        var dll = Policies.Build(policyc, Policies.DuckDbToFolder, empty);
        using (var connection = new DuckDBConnection($"Data Source={Path.Combine(empty, "data.duckdb")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE events (id BIGINT PRIMARY KEY, name VARCHAR, tag VARCHAR, amount DOUBLE, created TIMESTAMPTZ)";
            command.ExecuteNonQuery();
        }

        var cases = new (string Name, string File, string[] Args, string Directory, double? Goal)[]
        {
            (".NET hello world", hello, ["hello"], work, null),
            ("policyc --version", policyc, ["--version"], work, null),
            ("policyc check examples/quickstart", policyc, ["check", "examples/quickstart"], repository, 0.2),
            ("policyc check (100k-line policy)", policyc, ["check", "big"], work, 1.0),
            ("policyc run <built dll> (empty DuckDB table)", policyc, ["run", dll], empty, 0.5),
        };
        var times = cases.Select(_ => new List<double>()).ToList();
        var rss = cases.Select(_ => new List<double>()).ToList();
        foreach (var c in cases)
        {
            Measured.Run(c.File, c.Args, c.Directory); // warm the file cache
        }

        for (var r = 0; r < repeat; r++)
        {
            // Interleaved, so a burst of load from other work on the machine touches every case alike.
            for (var i = 0; i < cases.Length; i++)
            {
                var m = Measured.Run(cases[i].File, cases[i].Args, cases[i].Directory);
                times[i].Add(m.Seconds);
                rss[i].Add(m.PeakRssMb);
            }
        }

        var helloTime = Median(times[0]);
        Print($"Cold start: median wall of {repeat} interleaved runs (s), {policyc}", ["command", "wall (s)", "min (s)", "× hello world", "peak RSS (MB)", "goal (s)"],
            cases.Select((c, i) => new[]
            {
                c.Name, F(Median(times[i]), "0.000"), F(times[i].Min(), "0.000"), F(Median(times[i]) / helloTime, "0.0"), F(Median(rss[i]), "0"),
                c.Goal is { } g ? "≤ " + F(g, "0.0") : "",
            }));
    }
}
