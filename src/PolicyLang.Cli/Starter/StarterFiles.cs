namespace PolicyLang.Cli.Starter;

/// <summary>The files <c>policyc init</c> writes besides the policy: <c>.gitignore</c>, a CI workflow and a README.</summary>
internal static class StarterFiles
{
    /// <summary>Relative path → content, in the order they are written.</summary>
    public static IReadOnlyList<(string Path, string Content)> All(string store, string name, string title, string version) =>
    [
        ($"{name}.gov", StarterPolicy.Text(store, name, title)),
        (".gitignore", GitIgnore),
        (".github/workflows/policy.yml", Workflow(version)),
        ("README.md", Readme(store, name, title, version)),
    ];

    // Archives hold real rows and the build cache is machine-specific: neither belongs in the repository.
    private const string GitIgnore = """
        # policyc init: outputs and data that do not belong in version control
        out/
        archive/
        *.duckdb.wal
        bin/
        obj/

        """;

    private static string Workflow(string version) => $$"""
        # policyc init: check and test the policy on every push and pull request (GitHub Actions).
        # Move this file to the repository's .github/workflows/ if the policy lives in a sub-folder, and set POLICY_DIR.
        name: policy
        on: [push, pull_request]
        env:
          POLICY_DIR: .
        jobs:
          check:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-dotnet@v4
                with:
                  dotnet-version: 10.0.x
              # Add `--add-source <feed>` when PolicyLang comes from your own package feed.
              - run: dotnet tool install --global PolicyLang.Cli --version {{version}}
              - run: policyc check "$POLICY_DIR" --format sarif -o out/policy.sarif
              - run: policyc check "$POLICY_DIR"
              - run: policyc test "$POLICY_DIR"
              - run: policyc docs "$POLICY_DIR" -o out/docs
              - uses: actions/upload-artifact@v4
                with:
                  name: compliance
                  path: out/

        """;

    private static string Readme(string store, string name, string title, string version) => $$"""
        # {{title}}

        Governance policy as code, started with `policyc init --store {{store}}`. `{{name}}.gov` is the policy; its
        identity is `{{name}}` (its `name` setting): archives go to `archive/{{name}}/<dataset>/`, the enforcement
        assembly is `{{name}}.Enforcement.dll`.

        ```sh
        policyc check .          # every mistake at once; exit 1 on errors
        policyc test .           # the policy's test block, in memory
        policyc docs . -o out    # compliance.md and compliance.json
        policyc plan .           # what a run would send to each store, connecting to nothing
        {{RunLine(store)}}
        ```

        {{StoreNote(store)}}

        ## CI

        `.github/workflows/policy.yml` checks and tests the policy on every push and publishes the compliance documents as
        an artifact. It installs `policyc` {{version}} with `dotnet tool install --global PolicyLang.Cli`. A scheduled job
        that enforces the policy runs `policyc run . --json out/report.json` where the data is reachable: exit 0 passed,
        1 an error-severity rule failed, 2 the run itself failed, 130 interrupted (a rerun finishes the work).

        """;

    private static string RunLine(string store) => store switch
    {
        "duckdb" => "policyc run .            # checks and retention against data.duckdb",
        "postgres" => "WAREHOUSE_PG_URL=postgresql://user@host/db policyc run .",
        "mongodb" => "WAREHOUSE_MONGO_URL=mongodb://user@host/db policyc run .",
        _ => "LAKE_S3_ENDPOINT=https://s3.example.org policyc run .",
    };

    private static string StoreNote(string store) => store switch
    {
        "duckdb" => "`data.duckdb` was created with a `samples` table of sample rows, two of them older than the retention window: "
            + "the first run archives them to `archive/` (verified Parquet) and deletes them, the second has nothing left to do. "
            + "Point the store at your own file (`file \"...\"`, relative to the `.gov` file, or `file env(\"LAB_DB\")`) when you are ready.",
        "postgres" => "Set `WAREHOUSE_PG_URL` to an Npgsql connection string or a `postgresql://` URL; the table `public.samples` must exist. "
            + "`policyc init-db . --runner-role <role>` sets up the audit and results tables for a least-privilege runner (docs/postgres.md).",
        "mongodb" => "Set `WAREHOUSE_MONGO_URL` to a MongoDB URI whose path names the database; the collection `samples` must exist.",
        _ => "Credentials come from the standard AWS chain (environment, profile, instance role). Set `LAKE_S3_ENDPOINT` for an "
            + "S3-compatible service, or delete the `endpoint` setting to use AWS itself, and change the bucket and region.",
    };
}
