namespace PolicyLang.Benchmarks.Runs;

/// <summary>The benchmark's policies: one dataset of events (id, two short texts, a double, a timestamptz) kept 30 days, archived as Parquet, then deleted.</summary>
internal static class Policies
{
    public const string PgVariable = "BENCH_PG_URL";
    public const string S3Variable = "BENCH_S3_ENDPOINT";
    public const string BucketVariable = "BENCH_S3_BUCKET";

    public static string DuckDbToFolder => Policy("store db duckdb { file \"data.duckdb\" }", "store archive folder { path \"archive\" }");

    public static string DuckDbToS3 => Policy("store db duckdb { file \"data.duckdb\" }",
        $"store archive s3 {{ bucket env(\"{BucketVariable}\") region \"us-east-1\" endpoint env(\"{S3Variable}\") }}");

    public static string PostgresToFolder => Policy($"store db postgres {{ connection env(\"{PgVariable}\") }}", "store archive folder { path \"archive\" }", "public.events");

    private static string Policy(string db, string archive, string table = "main.events") => $$"""
        policy "Retention benchmark" {
          version "1" name "bench"
          owner "bench"
          review every 90 days
        }

        classification internal

        {{db}}
        {{archive}}

        dataset events in db table "{{table}}" {
          owner "bench" classification internal
          key id

          column id      bigint not null
          column name    text
          column tag     text
          column amount  double
          column created timestamptz

          retain 30 days by created then archive to archive as parquet then delete
        }
        """;

    /// <summary>Builds <paramref name="text"/> with <paramref name="policyc"/> into <paramref name="folder"/>; returns the enforcement assembly.</summary>
    public static string Build(string policyc, string text, string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "bench.gov"), text);
        Measured.Run(policyc, ["build", "bench.gov", "-o", "out"], folder);
        return Path.Combine(folder, "out", "bench.Enforcement.dll");
    }
}
