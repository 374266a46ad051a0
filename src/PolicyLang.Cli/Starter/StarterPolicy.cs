namespace PolicyLang.Cli.Starter;

/// <summary>
/// The `.gov` file `policyc init` writes: one commented policy per store kind that `policyc check` accepts with no
/// diagnostic, with a test block. Only the store, the dataset's location and its store-specific lines differ.
/// </summary>
internal static class StarterPolicy
{
    public static readonly string[] StoreKinds = ["duckdb", "postgres", "mongodb", "s3"];

    /// <param name="store">One of <see cref="StoreKinds"/>.</param>
    /// <param name="name">The policy's identity (a valid <c>name</c>).</param>
    /// <param name="title">The policy's title.</param>
    public static string Text(string store, string name, string title) => $$"""
        // {{title}}: a starter policy written by `policyc init --store {{store}}`. Every line is a statement you can keep,
        // change or delete; the language reference is docs/language.md.
        //   policyc check .     every mistake at once, as file(line,col): error GOV0000: message
        //   policyc test .      the `test` block at the end, in memory
        //   policyc docs .      compliance.md and compliance.json in out/
        //   policyc run .       the checks and retention against the data{{RunNote(store)}}

        policy "{{title}}" {
          name       "{{name}}"        // the identity: archive paths, audit records, {{name}}.Enforcement.dll
          version    "0.1"
          owner      "data-team"
          review     every 90 days
          frameworks cis-v8
        }

        // Sensitivity levels, least to most sensitive; every dataset names one.
        classification public < internal < confidential

        role analyst "Analysts: read-only"

        {{Stores(store)}}

        {{Dataset(store)}}

        // Every enforcement action (archive, verify, delete) is recorded; tamper-evident chains the records by hash.
        audit {
          store archive
          table "audit"
          retain 1 year
          tamper-evident
        }

        // The CIS Controls v8 safeguards this policy claims. A required safeguard nothing covers is an error.
        controls cis-v8 {
          require 3.1, 3.2, 3.4, 8.2
        }

        {{Test(store)}}

        """;

    private static string RunNote(string store) => store switch
    {
        "duckdb" => " (data.duckdb, seeded with sample rows by policyc init)",
        "postgres" => " (set WAREHOUSE_PG_URL first)",
        "mongodb" => " (set WAREHOUSE_MONGO_URL first)",
        _ => " (set LAKE_S3_ENDPOINT, or remove `endpoint` for AWS)",
    };

    private static string Stores(string store) => (store switch
    {
        "duckdb" => """
            // An embedded DuckDB file beside this policy; `file env("LAB_DB")` would read its path from the environment.
            store warehouse duckdb { file "data.duckdb" }
            """,
        "postgres" => """
            // Secrets never appear in a policy: the connection string is read from the environment at run time.
            store warehouse postgres { connection env("WAREHOUSE_PG_URL") tls required }
            """,
        "mongodb" => """
            // Secrets never appear in a policy: the MongoDB URI is read from the environment at run time.
            store warehouse mongodb { connection env("WAREHOUSE_MONGO_URL") tls required }
            """,
        _ => """
            // Objects under a prefix of a bucket; any S3-compatible service through `endpoint`.
            store lake s3 { bucket "my-data-lake" region "eu-west-1" endpoint env("LAKE_S3_ENDPOINT") encryption aes256 }
            """,
    }) + "\n\n" + """
        // Archives (Parquet, verified before anything is deleted) and the audit trail, in a folder beside this policy.
        store archive folder { path "archive" }
        """;

    private static string Dataset(string store) => store == "s3"
        ? """
        dataset uploads in lake prefix "uploads/" {
          description    "Instrument uploads: one object per run"
          owner          "data-team"  steward "data-steward"  classification internal

          expect objects at least 1
          expect object-age fresher than 7 days   severity warn

          retain 1 year by last-modified then archive to archive as parquet then delete
          grant read to analyst
        }
        """
        : $$"""
        dataset samples in warehouse {{Location(store)}} {
          description    "Samples received by the lab"
          owner          "data-team"  steward "data-steward"  classification confidential
          key            sample_id

          column sample_id    bigint       not null
          column donor_email  text         pii
          column volume_ml    double
          column collected_at timestamptz  not null

          expect sample_id unique
          expect donor_email matches "^[^@\s]+@[^@\s]+$" or null
          expect volume_ml between 0 and 50
          expect rows at least 1

          // Rows older than a year are archived, verified and only then deleted, batch by batch; the archived copies, which
          // still hold donor_email, are deleted after 5 years (personal data is never archived forever).
          retain 1 year by collected_at then archive to archive as parquet then delete
          retain 5 years by collected_at in archive then delete
          // Reports show donor_email hashed. `grant read to analyst` would give analysts the table itself, donor_email in
          // clear (GOV0338): on postgres, grant them the samples_masked view instead.
          mask donor_email with sha256
        }
        """;

    private static string Location(string store) => store switch
    {
        "duckdb" => "table \"main.samples\"",
        "postgres" => "table \"public.samples\"",
        _ => "collection \"samples\"",
    };

    private static string Test(string store) => store == "s3"
        ? """
        // Unit tests: one object each, run in memory by `policyc test`.
        test uploads {
          row { key: "uploads/run-1.csv", size: 120, last_modified: now }  passes
        }
        """
        : """
        // Unit tests: one row each, run in memory by `policyc test` (no database needed).
        test samples {
          row { sample_id: 1, donor_email: "ann@lab.example", volume_ml: 4.5, collected_at: now }  passes
          row { sample_id: 2, donor_email: "not an email",    volume_ml: 4.5, collected_at: now }  fails donor_email_matches
          row { sample_id: 3, donor_email: null,              volume_ml: 75,  collected_at: now }  fails volume_ml_between
        }
        """;
}
