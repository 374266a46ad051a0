using static PolicyLang.Benchmarks.Runs.Table;

namespace PolicyLang.Benchmarks.Runs;

/// <summary>
/// Whole `policyc run` processes on a built enforcement assembly against the engine's own path, same run, repeated and
/// interleaved: the time beyond a run on an empty table (the fixed cost) is compared with the engine's COPY + DELETE.
/// </summary>
internal sealed class Retention(string policyc, string work, long rows, int repeat)
{
    private readonly List<string[]> _table = [];
    private readonly List<string[]> _memory = [];

    public void DuckDbToFolder() => DuckDb("DuckDB → folder", Policies.DuckDbToFolder, null, 0.33);

    public void DuckDbToS3(string endpoint) => DuckDb("DuckDB → S3 (local s3rver)", null, endpoint, 0.25);

    private void DuckDb(string name, string? policy, string? endpoint, double goal)
    {
        var folder = Path.Combine(work, name.Contains("S3", StringComparison.Ordinal) ? "duckdb-s3" : "duckdb-folder");
        var templates = Path.Combine(work, "templates");
        Directory.CreateDirectory(templates);
        var full = Template(templates, rows);
        var empty = Template(templates, 0);
        var environment = new Dictionary<string, string>();
        var buckets = 0;
        string Policy()
        {
            if (endpoint is null)
            {
                return policy!;
            }

            var bucket = $"bench-{Guid.NewGuid():N}"[..20];
            Engines.CreateBucketAsync(endpoint, bucket).GetAwaiter().GetResult();
            buckets++;
            return Policies.DuckDbToS3(bucket);
        }

        if (endpoint is not null)
        {
            environment[Policies.S3Variable] = endpoint;
            environment["AWS_ACCESS_KEY_ID"] = "S3RVER";
            environment["AWS_SECRET_ACCESS_KEY"] = "S3RVER";
        }

        var samples = new List<(double Empty, double Full, double Engine, double Rss)>();
        for (var r = 0; r < repeat; r++)
        {
            var runEmpty = RunDuckDb(folder, Policy(), empty, environment, 0);
            var run = RunDuckDb(folder, Policy(), full, environment, rows);
            var engineFile = Path.Combine(work, "engine.duckdb");
            File.Copy(full, engineFile, overwrite: true);
            var engine = Engines.DuckDbCopyDelete(engineFile, Path.Combine(work, "engine.parquet"), rows);
            File.Delete(engineFile);
            File.Delete(Path.Combine(work, "engine.parquet"));
            samples.Add((runEmpty.Seconds, run.Seconds, engine, run.PeakRssMb));
            Console.Error.WriteLine($"  {name} #{r + 1}: empty {F(runEmpty.Seconds)} s, {rows:N0} rows {F(run.Seconds)} s, engine {F(engine)} s, peak RSS {F(run.PeakRssMb, "0")} MB");
        }

        Add(name, "COPY … TO 'x.parquet' + DELETE", samples, goal);
    }

    /// <summary>Peak RSS of DuckDB → folder at each size (one run each): flat means memory does not follow the row count.</summary>
    public void Memory(IEnumerable<long> sizes)
    {
        var folder = Path.Combine(work, "duckdb-memory");
        var templates = Path.Combine(work, "templates");
        Directory.CreateDirectory(templates);
        foreach (var size in sizes)
        {
            var template = Template(templates, size);
            var run = RunDuckDb(folder, Policies.DuckDbToFolder, template, new Dictionary<string, string>(), size);
            File.Delete(template);
            _memory.Add([$"DuckDB → folder, {size:N0} rows", F(run.Seconds, "0.0"), F(run.PeakRssMb, "0")]);
            Console.Error.WriteLine($"  memory {size:N0}: {F(run.Seconds)} s, peak RSS {F(run.PeakRssMb, "0")} MB");
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
            var folder = Path.Combine(work, "postgres-folder");
            var dll = Policies.Build(policyc, Policies.PostgresToFolder, folder);
            var environment = new Dictionary<string, string> { [Policies.PgVariable] = connection };
            var samples = new List<(double Empty, double Full, double Engine, double Rss)>();
            for (var r = 0; r < repeat; r++)
            {
                await Engines.ResetPostgresAsync(connection, "template_empty");
                var runEmpty = RunBuilt(folder, dll, environment);
                await Engines.ResetPostgresAsync(connection, "template_full");
                var run = RunBuilt(folder, dll, environment);
                var left = await Engines.CountPostgresAsync(connection);
                Check(left, rows / 10, run);
                await Engines.ResetPostgresAsync(connection, "template_full");
                var engine = await Engines.PostgresCopyDeleteAsync(connection, Path.Combine(work, "engine.tsv"), rows);
                File.Delete(Path.Combine(work, "engine.tsv"));
                samples.Add((runEmpty.Seconds, run.Seconds, engine, run.PeakRssMb));
                Console.Error.WriteLine($"  PostgreSQL #{r + 1}: empty {F(runEmpty.Seconds)} s, {rows:N0} rows {F(run.Seconds)} s, engine {F(engine)} s, peak RSS {F(run.PeakRssMb, "0")} MB");
            }

            Add("PostgreSQL → folder", "COPY (SELECT …) TO STDOUT + DELETE", samples, 0.5);
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
            ["path", "engine's own path", "empty run (s)", "policyc run (s)", "beyond fixed (s)", "engine (s)", "speed vs engine", "whole process", "peak RSS (MB)", "goal"],
            _table);
        if (_memory.Count > 0)
        {
            Table.Print("Peak RSS by row count (one run each)", ["run", "wall (s)", "peak RSS (MB)"], _memory);
        }
    }

    private void Add(string name, string engineName, List<(double Empty, double Full, double Engine, double Rss)> samples, double goal)
    {
        var beyond = samples.Select(s => s.Full - s.Empty).ToList();
        _table.Add([
            name, engineName, F(Median(samples.Select(s => s.Empty))), F(Median(samples.Select(s => s.Full))), F(Median(beyond)),
            F(Median(samples.Select(s => s.Engine))), F(Median(samples.Select(s => s.Engine / (s.Full - s.Empty)))),
            F(Median(samples.Select(s => s.Engine / s.Full))), F(Median(samples.Select(s => s.Rss)), "0"), "≥ " + F(goal),
        ]);
    }

    private Measured RunDuckDb(string folder, string policy, string template, Dictionary<string, string> environment, long expected)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var dll = Policies.Build(policyc, policy, folder);
        var data = Path.Combine(folder, "data.duckdb");
        File.Copy(template, data);
        var run = RunBuilt(folder, dll, environment);
        Check(Engines.CountDuckDb(data), expected / 10, run);
        return run;
    }

    private Measured RunBuilt(string folder, string dll, Dictionary<string, string> environment) =>
        Measured.Run(policyc, ["run", dll, "--base-dir", folder], folder, environment);

    private static void Check(long left, long expected, Measured run)
    {
        if (left != expected)
        {
            throw new InvalidOperationException($"{left} rows left, expected {expected}:\n{run.Output}");
        }
    }

    private static string Template(string folder, long rows)
    {
        var file = Path.Combine(folder, $"events-{rows}.duckdb");
        if (!File.Exists(file))
        {
            Engines.SeedDuckDb(file, rows);
        }

        return file;
    }
}
