namespace PolicyLang.Core.Services;

/// <summary>Where a word is written: at the top level, or inside which block. Keywords mean different things in different blocks.</summary>
public enum BlockKind
{
    TopLevel,
    Policy,
    Store,
    Dataset,
    Audit,
    Backup,
    Controls,
    Test,
    TestRow,
    History,
}

/// <summary>A word of the language with one line of documentation, and where it is written.</summary>
public sealed record KeywordDoc(string Keyword, BlockKind Block, string Summary);

/// <summary>
/// One line of documentation for every keyword, setting and fixed value of the language (docs/language.md,
/// LANGUAGE.md), by the block it appears in. Hover shows it; completion shows it beside each proposal.
/// </summary>
public static class KeywordDocs
{
    public static readonly IReadOnlyList<KeywordDoc> Declarations =
    [
        new("policy", BlockKind.TopLevel, "`policy \"title\" { version, owner, review every <duration>, frameworks, description }`: the policy's header; exactly one per policy."),
        new("classification", BlockKind.TopLevel, "`classification a < b < c`: the sensitivity levels, least to most sensitive; exactly one per policy."),
        new("role", BlockKind.TopLevel, "`role name \"description\"`: a principal that `grant` may name."),
        new("store", BlockKind.TopLevel, "`store name postgres|mongodb|s3|duckdb|folder { ... }`: a data location; secrets only through `env(\"NAME\")`."),
        new("dataset", BlockKind.TopLevel, "`dataset name in store table|collection|prefix|file \"location\" { ... }`: governed data with its columns, rules and obligations."),
        new("audit", BlockKind.TopLevel, "`audit { store, table, retain, tamper-evident }`: where enforcement actions are recorded (CIS 8.2, 8.3 with `retain`)."),
        new("backup", BlockKind.TopLevel, "`backup name { covers, tool, every <period> keep <n>, retain, offsite, encryption, restore-test every <period>, evidence in <store> prefix \"...\" | table \"...\" by <column> }`: backup obligations (CIS 11.x)."),
        new("controls", BlockKind.TopLevel, "`controls cis-v8 { require <ids>  evidence <id> \"text\"  waive <id> \"reason\" until <date> }`: the safeguards the policy claims."),
        new("approval", BlockKind.TopLevel, "`approval \"who\" role \"role\" on <date> approved|pending|rejected [\"comment\"]`: a row of the review matrix."),
        new("change", BlockKind.TopLevel, "`change \"version\" on <date> by \"who\" \"what\"`: a change-log entry."),
        new("test", BlockKind.TopLevel, "`test dataset { row { field: value, ... } passes | fails <rule>, ... }`: a policy unit test of a dataset's rules."),
        new("history", BlockKind.TopLevel, "`history { store <name> [table|collection|path \"...\"] }`: where every run's rule, retention and access results are kept; `policyc history` reads them."),
    ];

    public static readonly IReadOnlyList<KeywordDoc> Settings =
    [
        new("name", BlockKind.Policy, "`name \"genomics-lab\"`: the policy's identity (1-64 letters, digits, `-`, `_`): it names the enforcement assembly, archive paths and audit records; without it, a slug of the title."),
        new("version", BlockKind.Policy, "`version \"1.0\"`: the policy's version (CIS 3.1 with owner and review period)."),
        new("owner", BlockKind.Policy, "`owner \"who\"`: who owns the policy (CIS 3.1)."),
        new("review", BlockKind.Policy, "`review every <duration>`: how often the policy is reviewed (CIS 3.1)."),
        new("frameworks", BlockKind.Policy, "`frameworks cis-v8, nist-csf-1.1, ...`: frameworks the compliance document cross-references."),
        new("description", BlockKind.Policy, "`description \"...\"`: what the policy is about."),
        new("schedule", BlockKind.Policy, "`schedule \"30 2 * * *\" [in \"Europe/Berlin\"]`: when the runner runs the policy (five-field cron; IANA zone, default UTC); `policyc schedule` writes the jobs."),

        new("connection", BlockKind.Store, "`connection env(\"VAR\")`: the connection string, read from an environment variable (postgres, mongodb; required)."),
        new("tls", BlockKind.Store, "`tls required|preferred|disabled`: transport encryption (postgres, mongodb); `required` on every store covers CIS 3.10."),
        new("bucket", BlockKind.Store, "`bucket \"name\"`: the S3 bucket (s3; required)."),
        new("region", BlockKind.Store, "`region \"us-east-1\"`: the bucket's region (s3)."),
        new("endpoint", BlockKind.Store, "`endpoint env(\"VAR\")` or `\"url\"`: any S3-compatible service (s3)."),
        new("storage-class", BlockKind.Store, "`storage-class standard|standard-ia|glacier-instant-retrieval|glacier-flexible-retrieval|deep-archive`: the class of archived objects (s3)."),
        new("encryption", BlockKind.Store, "`encryption aes256|kms \"key-id\"`: encryption at rest (s3 uploads; declared for postgres and mongodb); covers CIS 3.11."),
        new("file", BlockKind.Store, "`file \"path\"`: the DuckDB database file, relative to the `.gov` file (duckdb; required)."),
        new("path", BlockKind.Store, "`path \"dir\"`: the archive folder, relative to the `.gov` file (folder; required)."),

        new("description", BlockKind.Dataset, "`description \"...\"`: what the dataset holds."),
        new("owner", BlockKind.Dataset, "`owner \"team\"`: who owns the dataset (CIS 3.2 with a classification)."),
        new("steward", BlockKind.Dataset, "`steward \"who\"`: who looks after the data day to day."),
        new("classification", BlockKind.Dataset, "`classification <level>`: the dataset's sensitivity level (CIS 3.2, 3.7)."),
        new("key", BlockKind.Dataset, "`key <column>` or `key <column>, <column>`: the column (or columns together) that identifies a row; retention batches and violation samples use it."),
        new("schedule", BlockKind.Dataset, "`schedule \"*/30 * * * *\" [in \"Europe/Berlin\"]`: when this dataset runs, instead of the policy's schedule (five-field cron; IANA zone, default UTC)."),
        new("column", BlockKind.Dataset, "`column name type [not null] [pii]`: a declared column; once a dataset declares columns, every column it names must be declared."),
        new("expect", BlockKind.Dataset, "`expect <column> <check>` or `expect rows at least <n>`: a data-quality rule, with options `as`, `severity`, `tolerance`, `covers`, `or null`."),
        new("retain", BlockKind.Dataset, "`retain <duration> by <column|last-modified> [in <archive store>] then [archive to <store> as parquet|jsonl then] delete|anonymize <columns>`: retention (CIS 3.4, 3.5). Several `retain` lines form a lifecycle in stages, in order of their windows; `in <store>` deletes the copies an earlier stage archived there."),
        new("mask", BlockKind.Dataset, "`mask <column> with sha256|redact|last(n)`: how a column is shown in reports and samples."),
        new("grant", BlockKind.Dataset, "`grant read|write to <roles>`: declared access, compared with the live grants (CIS 3.3)."),
        new("watermark", BlockKind.Dataset, "`watermark <column>`: every row rule of the dataset checks only new rows, those above the last successful run's highest value of the column (a timestamp, date or integer); unique, references, fresher than and aggregates stay whole-table."),

        new("store", BlockKind.Audit, "`store <name>`: the store that records enforcement actions (required)."),
        new("table", BlockKind.Audit, "`table \"schema.name\"`: the audit table (required on postgres and duckdb stores)."),
        new("retain", BlockKind.Audit, "`retain <duration>`: how long audit records are kept (CIS 8.3)."),
        new("tamper-evident", BlockKind.Audit, "`tamper-evident`: audit records form a hash chain that `policyc audit verify` checks."),

        new("covers", BlockKind.Backup, "`covers store, ...`: the stores this backup protects."),
        new("tool", BlockKind.Backup, "`tool \"name\"`: the backup tool."),
        new("every", BlockKind.Backup, "`every day|week|month|quarter|year keep <n>`: a schedule and how many copies it keeps (CIS 11.2)."),
        new("retain", BlockKind.Backup, "`retain <duration>`: how long backups are kept."),
        new("offsite", BlockKind.Backup, "`offsite <store>`: where an offsite copy goes (CIS 11.4)."),
        new("encryption", BlockKind.Backup, "`encryption aes256|kms \"key-id\"`: how backups are encrypted (CIS 11.3)."),
        new("restore-test", BlockKind.Backup, "`restore-test every <period>`: how often a restore is tested (CIS 11.5)."),
        new("evidence", BlockKind.Backup, "`evidence in <s3 or folder store> prefix \"backups/\"`: where the copies land (or `evidence in <database store> table \"ops.backups\" by finished_at`, a collection in mongodb: where the backup tool records each copy); each run checks the newest against the schedule and the oldest against `retain` (CIS 11.2, 11.4)."),

        new("require", BlockKind.Controls, "`require 3.1, 3.2, ...`: safeguards the policy claims; one that nothing covers fails the build (GOV0401)."),
        new("evidence", BlockKind.Controls, "`evidence <id> \"text\"`: a human attestation for a safeguard (Partial on its own)."),
        new("waive", BlockKind.Controls, "`waive <id> \"reason\" until <date>`: a time-limited waiver of a safeguard."),

        new("row", BlockKind.Test, "`row { field: value, ... } passes | fails <rule>, ...`: a test row and the rules it must pass or fail."),
        new("store", BlockKind.History, "`store <name>`: the postgres, duckdb, mongodb or folder store that keeps the run history (required)."),
        new("table", BlockKind.History, "`table \"schema.name\"`: the history table (postgres, default `governance.check_results`; duckdb, default `policylang_history`)."),
        new("collection", BlockKind.History, "`collection \"name\"`: the history collection (mongodb; default `policylang_history`)."),
        new("path", BlockKind.History, "`path \"file.jsonl\"`: the JSON Lines file inside the folder store (folder; default `history.jsonl`)."),

        new("passes", BlockKind.TestRow, "`passes`: the row must satisfy every rule of the dataset."),
        new("fails", BlockKind.TestRow, "`fails <rule>, ...`: the row must violate exactly these rules."),
    ];

    /// <summary>Words inside <c>expect</c> rules: checks and options.</summary>
    public static readonly IReadOnlyList<KeywordDoc> RuleWords =
    [
        new("not", BlockKind.Dataset, "`not null`: every row has a value (`expect col not null`; on a column, `column x t not null`); `not in [..]`, `not matches \"re\"`; `not <condition>` in a condition."),
        new("unique", BlockKind.Dataset, "`expect col unique`: no value appears twice (nulls ignored)."),
        new("between", BlockKind.Dataset, "`expect col between a and b`: values lie in the closed range [a, b]."),
        new("in", BlockKind.Dataset, "`expect col in [a, b, ...]`: values are one of the list."),
        new("matches", BlockKind.Dataset, "`expect col matches \"regex\"`: values contain a match of the (portable) regular expression; write `^...$` for the whole value."),
        new("references", BlockKind.Dataset, "`expect col references dataset.column`: every value exists in the other dataset's column (same store; nulls ignored)."),
        new("fresher", BlockKind.Dataset, "`expect col fresher than <duration>`: the newest value is within the window."),
        new("rows", BlockKind.Dataset, "`expect rows at least <n>`: the table has at least n rows; `rows at most <n>`, and where columns are declared `rows between <n> and <m>`, `rows = <n>`, bound the count."),
        new("most", BlockKind.Dataset, "`at most <v>`: an upper bound (`expect rows at most 1000`, `expect null fraction(x) at most 2%`)."),
        new("mean", BlockKind.Dataset, "`expect mean(col) between a and b`: the mean of the column's numbers (nulls and NaN ignored), checked once for the dataset."),
        new("min", BlockKind.Dataset, "`expect min(col) >= v`: the smallest of the column's numbers (nulls and NaN ignored)."),
        new("max", BlockKind.Dataset, "`expect max(col) <= v`: the largest of the column's numbers (nulls and NaN ignored)."),
        new("sum", BlockKind.Dataset, "`expect sum(col) = v`: the sum of the column's numbers (0 when there is none)."),
        new("stddev", BlockKind.Dataset, "`expect stddev(col) < v`: the sample standard deviation of the column's numbers (none below two values)."),
        new("median", BlockKind.Dataset, "`expect median(col) between a and b`: the continuous median of the column's numbers."),
        new("quantile", BlockKind.Dataset, "`expect quantile(col, 0.95) <= v`: the continuous quantile p (0..1) of the column's numbers, interpolated linearly."),
        new("count", BlockKind.Dataset, "`expect count distinct(col) at least n`: the number of distinct non-null values."),
        new("distinct", BlockKind.Dataset, "`count distinct(col)`: the number of distinct non-null values."),
        new("fraction", BlockKind.Dataset, "`expect null fraction(col) at most 2%`: the share of rows whose value is null (0 for an empty dataset)."),
        new("objects", BlockKind.Dataset, "`expect objects at least <n>`: the s3 prefix holds at least n objects."),
        new("object-age", BlockKind.Dataset, "`expect object-age fresher than <duration>`: the newest object of the s3 prefix is within the window."),
        new("csharp", BlockKind.Dataset, "`expect csharp \"<C# boolean over doc/row>\"`: a rule evaluated client-side over each row or document."),
        new("or", BlockKind.Dataset, "`or null`: a null never violates the rule."),
        new("as", BlockKind.Dataset, "`as name`: the rule's name (default `<column>_<kind>`), used by `test ... fails` and reports."),
        new("severity", BlockKind.Dataset, "`severity error|warn|info`: what a failure means (default error; `warn` does not fail the run)."),
        new("tolerance", BlockKind.Dataset, "`tolerance 0.5%`: the fraction of rows allowed to violate the rule (`of applicable rows`: of the rows it applies to)."),
        new("covers", BlockKind.Dataset, "`covers 3.1, ...`: CIS safeguards this rule is evidence for."),
        new("incremental", BlockKind.Dataset, "`incremental by <column>`: a row rule checks only the rows whose column is above the last successful run's watermark (kept in the history); overrides the dataset's `watermark`."),
        new("by", BlockKind.Dataset, "`by <column>`: the timestamp that ages a row; `by last-modified` for s3 prefixes."),
        new("then", BlockKind.Dataset, "`then`: the next step of a retention flow."),
        new("archive", BlockKind.Dataset, "`archive to <store> as parquet|jsonl then`: rows are archived (and verified) before they are deleted (CIS 3.8)."),
        new("delete", BlockKind.Dataset, "`delete`: expired rows are deleted (CIS 3.5)."),
        new("anonymize", BlockKind.Dataset, "`anonymize col, ...`: expired rows are kept with these columns cleared."),
        new("last-modified", BlockKind.Dataset, "`by last-modified`: objects of an s3 prefix age by their last-modified time."),
        new("with", BlockKind.Dataset, "`mask col with sha256|redact|last(n)`."),
        new("pii", BlockKind.Dataset, "`pii`: the column holds personal data (CIS 3.14 with an audit)."),
        new("is", BlockKind.Dataset, "`expect col is null`: the column must be null; `col is not null` in a condition."),
        new("where", BlockKind.Dataset, "`where <condition>`: the rule applies only to rows the condition is true for (`where status = \"shipped\" and not (qty < 0 or qty is null)`)."),
        new("of", BlockKind.Dataset, "`tolerance 5% of applicable rows`: the tolerance counts only the rows the rule applies to (inside `where`, not excused by `or null`); `of all rows` is the default."),
        new("all", BlockKind.Dataset, "`tolerance 5% of all rows`: the tolerance counts every row of the dataset (the default)."),
        new("applicable", BlockKind.Dataset, "`tolerance 5% of applicable rows`: like Great Expectations' `mostly`, measured against the rows the rule applies to."),
        new("length", BlockKind.Dataset, "`expect length(code) between 2 and 8`: the number of characters (Unicode code points) of a text; also in conditions (`where length(code) > 2`)."),
        new("parses", BlockKind.Dataset, "`expect born parses as date \"yyyy-MM-dd\"` / `as json` / `as number`: the text reads as a real date of the pattern, one JSON value, or a decimal numeral."),
        new("date", BlockKind.Dataset, "`parses as date [\"pattern\"]`: fields yyyy, MM, dd, HH, mm, ss separated by - / . : _ , space or T (default `yyyy-MM-dd`); real calendar values only."),
        new("json", BlockKind.Dataset, "`parses as json`: the text is one JSON value (RFC 8259); MongoDB cannot evaluate it (a rule error there)."),
        new("number", BlockKind.Dataset, "`parses as number`: the text is a decimal numeral (`-1.5e3`, `.5`), without spaces, NaN or infinity."),
        new("increasing", BlockKind.Dataset, "`expect seq increasing [by col]`: in the order of the key (or `by col`), no value is below the previous one; `strictly`: each is above it."),
        new("decreasing", BlockKind.Dataset, "`expect stock decreasing by ts`: in the order of the key (or `by col`), no value is above the previous one; `strictly`: each is below it."),
        new("strictly", BlockKind.Dataset, "`expect version strictly increasing`: equal neighbours violate too (without it, as Great Expectations' default, they do not)."),
        new("now", BlockKind.Dataset, "`now`: the run's instant (to the millisecond, UTC), the same in every engine: `expect created_at <= now`."),
        new("today", BlockKind.Dataset, "`today`: midnight UTC of the run's date: `expect dob <= today`."),
    ];

    /// <summary>Connector words of values and statements outside rules.</summary>
    public static readonly IReadOnlyList<KeywordDoc> OtherWords =
    [
        new("env", BlockKind.Store, "`env(\"NAME\")`: a value read from the runner's environment when it starts; the policy holds only the variable's name."),
        new("keep", BlockKind.Backup, "`keep <n>`: how many backups of this schedule are kept."),
        new("until", BlockKind.Controls, "`until yyyy-mm-dd`: the day a waiver ends; after it the safeguard is judged again (GOV0403)."),
        new("every", BlockKind.Policy, "`review every <duration>`: how often the policy is reviewed."),
        new("in", BlockKind.TopLevel, "`dataset name in <store> table|collection|prefix|file \"location\"`: the store that holds the dataset."),
        new("on", BlockKind.TopLevel, "`on yyyy-mm-dd`: the date of an approval or a change."),
        new("and", BlockKind.Dataset, "`between a and b`: the upper bound of the range."),
        new("at", BlockKind.Dataset, "`rows at least <n>`, `objects at least <n>`: a minimum count."),
        new("least", BlockKind.Dataset, "`rows at least <n>`, `objects at least <n>`: a minimum count."),
        new("than", BlockKind.Dataset, "`fresher than <duration>`: the window the newest value must fall in."),
        new("to", BlockKind.Dataset, "`archive to <store>`: the store that receives archives; `grant read to <roles>`: who is granted."),
        new("null", BlockKind.Dataset, "`not null`: every row has a value; `or null`: a null never violates the rule; `null` in a test row: no value."),
        new("minute", BlockKind.TopLevel, "a duration unit: `1 minute`, `30 minutes`."),
        new("hour", BlockKind.TopLevel, "a duration unit: `1 hour`, `12 hours`."),
    ];

    /// <summary>Fixed values, by the keyword that takes them.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<(string Value, string Summary)>> Values =
        new Dictionary<string, IReadOnlyList<(string, string)>>(StringComparer.Ordinal)
        {
            ["store-kind"] =
            [
                ("postgres", "PostgreSQL: `connection env(\"VAR\")`, `tls`, `encryption`; datasets are `table`s."),
                ("mongodb", "MongoDB: `connection env(\"VAR\")`, `tls`, `encryption`; datasets are `collection`s."),
                ("s3", "S3 or compatible: `bucket`, `region`, `endpoint`, `storage-class`, `encryption`; datasets are `prefix`es; holds archives."),
                ("duckdb", "DuckDB: `file \"path\"`; datasets are `table`s or `file`s."),
                ("folder", "A local folder: `path \"dir\"`; datasets are `file`s; holds archives."),
            ],
            ["location-kind"] =
            [
                ("table", "a table of a postgres or duckdb store"),
                ("collection", "a collection of a mongodb store"),
                ("prefix", "an object prefix of an s3 store"),
                ("file", "a file of a folder or duckdb store"),
            ],
            ["tls"] = [("required", "connections must use TLS (CIS 3.10)"), ("preferred", "TLS when the server offers it"), ("disabled", "no TLS")],
            ["storage-class"] =
            [
                ("standard", "S3 Standard"), ("standard-ia", "S3 Standard-Infrequent Access"),
                ("glacier-instant-retrieval", "S3 Glacier Instant Retrieval"), ("glacier-flexible-retrieval", "S3 Glacier Flexible Retrieval"),
                ("deep-archive", "S3 Glacier Deep Archive"),
            ],
            ["encryption"] = [("aes256", "AES-256 with keys managed by the service"), ("kms", "a managed key: `kms \"key-id\"`")],
            ["archive-format"] = [("parquet", "Apache Parquet (zstd)"), ("jsonl", "JSON Lines")],
            ["mask"] = [("sha256", "a SHA-256 hash of the value"), ("redact", "the value is hidden"), ("last", "`last(n)`: only the last n characters are shown")],
            ["privilege"] = [("read", "may read the dataset"), ("write", "may change the dataset")],
            ["severity"] = [("error", "a failure fails the run (default)"), ("warn", "a failure is reported as a warning"), ("info", "a failure is only reported")],
            ["approval-status"] = [("approved", "the reviewer approved this version"), ("pending", "the review is pending"), ("rejected", "the reviewer rejected this version")],
            ["period"] = [("day", "daily"), ("week", "weekly"), ("month", "monthly"), ("quarter", "every three months"), ("year", "yearly")],
            ["retention-action"] = [("delete", "expired rows are deleted (CIS 3.5)"), ("anonymize", "expired rows are kept with the named columns cleared")],
            ["duration-unit"] = [("days", "days"), ("weeks", "weeks"), ("months", "calendar months"), ("years", "calendar years"), ("hours", "hours"), ("minutes", "minutes")],
        };

    /// <summary>The settings each store kind accepts (docs/language.md "Store settings"), the required one first.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> StoreSettings =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["postgres"] = ["connection", "tls", "encryption"],
            ["mongodb"] = ["connection", "tls", "encryption"],
            ["s3"] = ["bucket", "region", "endpoint", "storage-class", "encryption"],
            ["duckdb"] = ["file"],
            ["folder"] = ["path"],
        };

    /// <summary>The documentation of <paramref name="word"/> written in <paramref name="block"/>, else as a fixed value, else anywhere.</summary>
    public static string? Find(string word, BlockKind block)
    {
        var all = Declarations.Concat(Settings).Concat(RuleWords).Concat(OtherWords);
        return all.FirstOrDefault(d => d.Keyword == word && d.Block == block)?.Summary
            ?? FindValue(word)
            ?? all.FirstOrDefault(d => d.Keyword == word)?.Summary;
    }

    /// <summary>The documentation of a fixed value (<c>required</c>, <c>parquet</c>, <c>postgres</c>).</summary>
    public static string? FindValue(string word) =>
        Values.Values.SelectMany(v => v).Where(v => v.Value == word).Select(v => $"`{v.Value}`: {v.Summary}").FirstOrDefault();
}
