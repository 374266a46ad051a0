using static PolicyLang.Benchmarks.Runs.Table;

namespace PolicyLang.Benchmarks.Runs;

/// <summary>A `policyc` executable under test and the label its rows get.</summary>
internal sealed record Policyc(string Label, string Path);

/// <summary>
/// Whole `policyc run` processes on a built enforcement assembly against the engine's own path, same run, repeated and
/// interleaved (each repeat runs every policyc and the engine once, so load from other work on the machine touches all alike):
/// the time beyond a run on an empty table (the fixed cost) is compared with the engine's COPY + DELETE of the same rows.
/// </summary>
internal sealed class Retention(IReadOnlyList<Policyc> binaries, string work, long rows, int repeat)
{
    private readonly List<string[]> _table = [];
    private readonly List<string[]> _memory = [];

    private sealed record Sample(double Empty, double Full, double Engine, double Rss);

    public void DuckDbToFolder() => DuckDb("DuckDB → folder", Policies.DuckDbToFolder, null, 0.33);

    public void DuckDbToS3(string endpoint) => DuckDb("DuckDB → S3 (local s3rver)", Policies.DuckDbToS3, endpoint, 0.25);

    private void DuckDb(string name, string policy, string? endpoint, double goal)
    {
        var full = Template(rows);
        var empty = Template(0);
        var dlls = binaries.ToDictionary(b => b, b => Policies.Build(b.Path, policy, Path.Combine(work, "build-" + Guid.NewGuid().ToString("N")[..8])));
        var samples = binaries.ToDictionary(b => b, _ => new List<Sample>());
        for (var r = 0; r < repeat; r++)
        {
            var engineFile = Path.Combine(work, "engine.duckdb");
            File.Copy(full, engineFile, overwrite: true);
            var engine = Engines.DuckDbCopyDelete(engineFile, Path.Combine(work, "engine.parquet"), rows);
            File.Delete(engineFile);
            File.Delete(Path.Combine(work, "engine.parquet"));
            foreach (var b in binaries)
            {
                var runEmpty = RunDuckDb(b, dlls[b], empty, endpoint, 0);
                var run = RunDuckDb(b, dlls[b], full, endpoint, rows);
                samples[b].Add(new Sample(runEmpty.Seconds, run.Seconds, engine, run.PeakRssMb));
                Console.Error.WriteLine($"  {name} {b.Label} #{r + 1}: empty {F(runEmpty.Seconds)} s, {rows:N0} rows {F(run.Seconds)} s, engine {F(engine)} s, peak RSS {F(run.PeakRssMb, "0")} MB");
            }
        }

        foreach (var b in binaries)
        {
            Add(name, b.Label, "COPY … TO 'x.parquet' + DELETE", samples[b], goal);
        }
    }

    /// <summary>Peak RSS of DuckDB → folder at each size (one run each): flat means memory does not follow the row count.</summary>
    public void Memory(IEnumerable<long> sizes)
    {
        var dlls = binaries.ToDictionary(b => b, b => Policies.Build(b.Path, Policies.DuckDbToFolder, Path.Combine(work, "build-" + Guid.NewGuid().ToString("N")[..8])));
        foreach (var size in sizes)
        {
            var template = Template(size);
            foreach (var b in binaries)
            {
                var run = RunDuckDb(b, dlls[b], template, null, size);
                _memory.Add([$"DuckDB → folder, {size:N0} rows", b.Label, F(run.Seconds, "0.0"), F(run.PeakRssMb, "0")]);
                Console.Error.WriteLine($"  memory {b.Label} {size:N0}: {F(run.Seconds)} s, peak RSS {F(run.PeakRssMb, "0")} MB");
            }
        }
    }

    public async Task PostgresToFolderAsync(string server)
    {
        var database = "bench_" + Guid.NewGuid().ToString("N")[..8];
        await Engines.PgAsync(server, $"CREATE DATABASE {database}");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        try
        {
            await Engines.SeedPostgresAsync(connection, "template_full", rows);
            await Engines.SeedPostgresAsync(connection, "template_empty", 0);
            var dlls = binaries.ToDictionary(b => b, b => Policies.Build(b.Path, Policies.PostgresToFolder, Path.Combine(work, "build-" + Guid.NewGuid().ToString("N")[..8])));
            var environment = new Dictionary<string, string> { [Policies.PgVariable] = connection };
            var samples = binaries.ToDictionary(b => b, _ => new List<Sample>());
            for (var r = 0; r < repeat; r++)
            {
                await Engines.ResetPostgresAsync(connection, "template_full");
                var engine = await Engines.PostgresCopyDeleteAsync(connection, Path.Combine(work, "engine.tsv"), rows);
                File.Delete(Path.Combine(work, "engine.tsv"));
                foreach (var b in binaries)
                {
                    await Engines.ResetPostgresAsync(connection, "template_empty");
                    var runEmpty = RunBuilt(b, dlls[b], NewRunFolder(), environment);
                    await Engines.ResetPostgresAsync(connection, "template_full");
                    var run = RunBuilt(b, dlls[b], NewRunFolder(), environment);
                    Check(await Engines.CountPostgresAsync(connection), rows / 10, run);
                    samples[b].Add(new Sample(runEmpty.Seconds, run.Seconds, engine, run.PeakRssMb));
                    Console.Error.WriteLine($"  PostgreSQL {b.Label} #{r + 1}: empty {F(runEmpty.Seconds)} s, {rows:N0} rows {F(run.Seconds)} s, engine {F(engine)} s, peak RSS {F(run.PeakRssMb, "0")} MB");
                }
            }

            foreach (var b in binaries)
            {
                Add("PostgreSQL → folder", b.Label, "COPY (SELECT …) TO STDOUT + DELETE", samples[b], 0.5);
            }
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await Engines.PgAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    public void Print()
    {
        Table.Print($"Retention of {rows:N0} expired rows (+10% fresh): whole `policyc run` processes, medians of {repeat} interleaved repeats",
            ["path", "policyc", "engine's own path", "empty run (s)", "policyc run (s)", "beyond fixed (s)", "engine (s)", "speed vs engine", "whole process", "peak RSS (MB)", "goal"],
            _table);
        if (_memory.Count > 0)
        {
            Table.Print("Peak RSS by row count (one run each)", ["run", "policyc", "wall (s)", "peak RSS (MB)"], _memory);
        }
    }

    private void Add(string name, string label, string engineName, List<Sample> samples, double goal) => _table.Add([
        name, label, engineName, F(Median(samples.Select(s => s.Empty))), F(Median(samples.Select(s => s.Full))), F(Median(samples.Select(s => s.Full - s.Empty))),
        F(Median(samples.Select(s => s.Engine))), F(Median(samples.Select(s => s.Engine / (s.Full - s.Empty)))),
        F(Median(samples.Select(s => s.Engine / s.Full))), F(Median(samples.Select(s => s.Rss)), "0"), "≥ " + F(goal),
    ]);

    private Measured RunDuckDb(Policyc policyc, string dll, string template, string? endpoint, long expected)
    {
        var folder = NewRunFolder();
        var data = Path.Combine(folder, "data.duckdb");
        File.Copy(template, data);
        var environment = new Dictionary<string, string>();
        if (endpoint is not null)
        {
            var bucket = $"bench-{Guid.NewGuid():N}"[..20];
            Engines.CreateBucketAsync(endpoint, bucket).GetAwaiter().GetResult();
            environment[Policies.S3Variable] = endpoint;
            environment[Policies.BucketVariable] = bucket;
            environment["AWS_ACCESS_KEY_ID"] = "S3RVER";
            environment["AWS_SECRET_ACCESS_KEY"] = "S3RVER";
        }

        var run = RunBuilt(policyc, dll, folder, environment);
        Check(Engines.CountDuckDb(data), expected / 10, run);
        Directory.Delete(folder, recursive: true);
        return run;
    }

    private string NewRunFolder()
    {
        var folder = Path.Combine(work, "run-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static Measured RunBuilt(Policyc policyc, string dll, string folder, Dictionary<string, string> environment) =>
        Measured.Run(policyc.Path, ["run", dll, "--base-dir", folder], folder, environment);

    private static void Check(long left, long expected, Measured run)
    {
        if (left != expected)
        {
            throw new InvalidOperationException($"{left} rows left, expected {expected}:\n{run.Output}");
        }
    }

    private string Template(long size)
    {
        var folder = Path.Combine(work, "templates");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"events-{size}.duckdb");
        if (!File.Exists(file))
        {
            Engines.SeedDuckDb(file, size);
        }

        return file;
    }
}
