namespace PolicyLang.Core.Diagnostics;

/// <summary>
/// Conflicts between declarations that are each valid on their own (GOV0330–GOV0349): every diagnostic names both
/// declarations, the second as its related location. Errors are failures the runner would certainly meet; warnings are
/// risks. A warning is suppressed like any other GOV warning (MSBuild <c>NoWarn</c>, docs/build-integration.md), or
/// explained in a comment beside the declaration.
/// </summary>
public static class ConflictDiagnostics
{
    public static readonly DiagnosticDescriptor AnonymizedNotNullColumn = new(
        "GOV0330",
        DiagnosticSeverity.Error,
        "Anonymized column is `not null`",
        "`anonymize` sets a column to null, but the column is declared `not null`: the store refuses the update, so the retention stage fails on every run and the stages after it never run. Drop `not null` from the column (and from the table), anonymize another column, or delete the rows instead.",
        "dataset people in research table \"people\" {\n  key id\n  column id     bigint not null\n  column email  text   not null\n  column joined timestamptz\n  retain 2 years by joined then anonymize email\n}");

    public static readonly DiagnosticDescriptor AnonymizedColumnFailsRule = new(
        "GOV0331",
        DiagnosticSeverity.Error,
        "Anonymized column fails a rule",
        "`anonymize` sets a column to null, and a null violates a rule on that column (`not null`, `between`, `in`, `matches` and comparisons do, unless the rule says `or null`; `unique` and `references` ignore nulls). The rule has severity error and no tolerance, so from the first anonymized row on every run fails. Add `or null` to the rule, or stop anonymizing the column.",
        "dataset people in research table \"people\" {\n  key id\n  expect email matches \"@\"\n  retain 2 years by joined then anonymize email\n}");

    public static readonly DiagnosticDescriptor AnonymizedColumnStrainsRule = new(
        "GOV0332",
        DiagnosticSeverity.Warning,
        "Anonymized column counts against a rule",
        "`anonymize` sets a column to null, and a null violates a rule on that column that has a `tolerance` or severity `warn` or `info`: every anonymized row counts as a violation, so the rule warns on every run or fails once the anonymized rows exceed its tolerance. Add `or null` to the rule, or stop anonymizing the column.",
        "dataset people in research table \"people\" {\n  key id\n  expect email matches \"@\" tolerance 5%\n  retain 2 years by joined then anonymize email\n}");

    public static readonly DiagnosticDescriptor ReferenceOutlivesTarget = new(
        "GOV0333",
        DiagnosticSeverity.Warning,
        "Referencing rows kept longer than the rows they reference",
        "A `references` rule points at another dataset whose retention deletes (or anonymizes) the referenced rows sooner than this dataset lets go of its own: once a parent is deleted first, every row still pointing at it is a violation, and the rule fails on every run until the child rows are deleted too. The message names both windows. Keep the referenced dataset at least as long, delete or anonymize the referencing column no later, or give the rule a tolerance.",
        "dataset targets in research table \"targets\" {\n  key name\n  retain 1 year by added then delete\n}\ndataset observations in research table \"observations\" {\n  key id\n  expect target references targets.name\n  retain 5 years by observed then delete\n}");

    public static readonly DiagnosticDescriptor RetentionWithoutKey = new(
        "GOV0334",
        DiagnosticSeverity.Error,
        "Retention without a key",
        "Retention archives, deletes and anonymizes exactly the rows it selected, batch by batch, by their key; a table, collection or file without `key` stops every retention run with an error. Declare the dataset's unique `key <column>`. Objects of an s3 `prefix` are keyed by their object key and need none; stages on archived copies (`retain ... in <store> then delete`) need none either.",
        "dataset logs in research table \"logs\" {\n  retain 30 days by ts then delete\n}");

    public static readonly DiagnosticDescriptor BackupOutlivesRetention = new(
        "GOV0335",
        DiagnosticSeverity.Warning,
        "Backup keeps data longer than its retention",
        "A `backup` covers the store where a dataset's rows (or its archived copies) are deleted or anonymized after a window, but keeps its copies longer than that window: data the policy says is gone can still be restored from the backup. Keep backups no longer than the shortest retention they cover, or state in the policy why the longer copies are acceptable.",
        "dataset logs in research table \"logs\" {\n  key id\n  retain 30 days by ts then delete\n}\nbackup nightly {\n  covers research\n  every day keep 7\n  retain 1 year\n}");

    public static readonly DiagnosticDescriptor BackupShorterThanOnlyCopy = new(
        "GOV0336",
        DiagnosticSeverity.Warning,
        "Backup, the only other copy, kept shorter than the data",
        "A dataset keeps its rows for a window and has no archive, so the backup covering its store is the only other copy of them; the backup keeps its copies for less than that window, so a row deleted or damaged by mistake can be restored only while the backup still holds it, not for as long as the policy keeps it. Keep the backup's copies at least as long, or archive the rows (`archive to`).",
        "dataset invoices in research table \"invoices\" {\n  key id\n  retain 7 years by issued then delete\n}\nbackup nightly {\n  covers research\n  every day keep 30\n}");

    public static readonly DiagnosticDescriptor ArchivedPersonalDataKeptForever = new(
        "GOV0337",
        DiagnosticSeverity.Warning,
        "Archived personal data kept forever",
        "A stage archives rows that still hold personal data (a `pii` column, or a column the lifecycle anonymizes), but no stage ever deletes those archived copies: the rows leave the table while the archive keeps them forever. Add an expiry stage for the archive store (`retain <longer> by <column> in <store> then delete`, docs/lifecycle.md), anonymize the columns in an earlier stage, or declare an s3 `prefix` dataset over the archive's path with its own `retain`.",
        "dataset people in research table \"people\" {\n  key id\n  column id     bigint\n  column email  text pii\n  column joined timestamptz\n  retain 2 years by joined then archive to archive as parquet then delete\n}");

    public static readonly DiagnosticDescriptor MaskedColumnGrantedUnmasked = new(
        "GOV0338",
        DiagnosticSeverity.Warning,
        "Masked column readable through a grant",
        "On a store with masked views (postgres), a `mask` hides a column in report samples and in the `<table>_masked` view, but `grant read` gives the role the table itself, where the column is not masked. Either the role may see the column (explain it beside the grant) or it may not (drop the grant and give the role the masked view).",
        "dataset people in research table \"people\" {\n  mask email with sha256\n  grant read to analyst\n}");

    public static readonly DiagnosticDescriptor ConfidentialPiiUnmasked = new(
        "GOV0339",
        DiagnosticSeverity.Warning,
        "Unmasked personal data in a confidential dataset",
        "A dataset classified confidential or higher (the level named `confidential` and every level above it in the policy's `classification` order; without such a level, the most sensitive one) has a `pii` column without a `mask`, so report samples and the masked view show it in clear. Add `mask <column> with sha256|redact|last(n)`.",
        "dataset people in research table \"people\" {\n  classification confidential\n  column email text pii\n}");
}
