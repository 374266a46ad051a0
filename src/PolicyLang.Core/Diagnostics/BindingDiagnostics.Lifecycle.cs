namespace PolicyLang.Core.Diagnostics;

/// <summary>Binding diagnostics, part 3 of 3: retention, masks, grants and tests (GOV0300–GOV0399).</summary>
public static partial class BindingDiagnostics
{
    public static readonly DiagnosticDescriptor DuplicateRetention = new(
        "GOV0300",
        DiagnosticSeverity.Error,
        "Retention stage after the rows are deleted",
        "A dataset's `retain` stages form a chain, read in the order written; once a stage deletes the table's rows, no later stage has rows to act on. Only the expiry of archived copies (`retain <longer> by <column> in <archive store> then delete`) may follow. Merge the stages, or keep the one you mean.",
        "dataset logs in research table \"logs\" {\n  retain 30 days by ts then delete\n  retain 60 days by ts then delete\n}");

    public static readonly DiagnosticDescriptor LastModifiedNotOnPrefix = new(
        "GOV0301",
        DiagnosticSeverity.Error,
        "`last-modified` outside a prefix",
        "`by last-modified` ages the objects of an s3 `prefix`; rows and documents are aged by one of their timestamp columns.",
        "dataset logs in research table \"logs\" { retain 30 days by last-modified then delete }");

    public static readonly DiagnosticDescriptor PrefixNeedsLastModified = new(
        "GOV0302",
        DiagnosticSeverity.Error,
        "Prefix retention must use `last-modified`",
        "Objects of an s3 `prefix` have no columns; their age is their last-modified time: `retain 5 years by last-modified then delete`.",
        "dataset frames in archive prefix \"raw/\" { retain 30 days by created_at then delete }");

    public static readonly DiagnosticDescriptor RetentionColumnNotTime = new(
        "GOV0303",
        DiagnosticSeverity.Error,
        "Retention column is not a time",
        "`retain ... by <column>` ages rows by a timestamp or date column.",
        "dataset people in research table \"people\" {\n  column name text\n  retain 30 days by name then delete\n}");

    public static readonly DiagnosticDescriptor ArchiveStoreCannotHold = new(
        "GOV0304",
        DiagnosticSeverity.Error,
        "Archive store cannot hold archives",
        "Archives are files, so `archive to` names an s3 or folder store.",
        "dataset logs in research table \"logs\" { retain 30 days by ts then archive to research as parquet then delete }");

    public static readonly DiagnosticDescriptor InvalidArchiveFormat = new(
        "GOV0305",
        DiagnosticSeverity.Error,
        "Invalid archive format",
        "Archives are written as `parquet` or `jsonl`.",
        "dataset logs in research table \"logs\" { retain 30 days by ts then archive to archive as csv then delete }");

    public static readonly DiagnosticDescriptor AnonymizeOnPrefix = new(
        "GOV0306",
        DiagnosticSeverity.Error,
        "`anonymize` on a prefix",
        "Objects of an s3 `prefix` have no columns to anonymize; they can only be deleted.",
        "dataset frames in archive prefix \"raw/\" { retain 5 years by last-modified then anonymize observer }");

    public static readonly DiagnosticDescriptor InvalidMaskMethod = new(
        "GOV0307",
        DiagnosticSeverity.Error,
        "Invalid masking method",
        "A column is masked `with sha256`, `with redact` or `with last(<n>)` (keeping the last n characters).",
        "dataset people in research table \"people\" { mask email with md5 }");

    public static readonly DiagnosticDescriptor InvalidMaskCount = new(
        "GOV0308",
        DiagnosticSeverity.Error,
        "Invalid `last(n)` count",
        "`last(<n>)` keeps the last n characters visible; n is a whole number of at least 1.",
        "dataset cards in research table \"cards\" { mask number with last(0) }");

    public static readonly DiagnosticDescriptor DuplicateMask = new(
        "GOV0309",
        DiagnosticSeverity.Error,
        "Column masked twice",
        "A column has one masking method; the first `mask` is kept.",
        "dataset people in research table \"people\" {\n  mask email with sha256\n  mask email with redact\n}");

    public static readonly DiagnosticDescriptor InvalidPrivilege = new(
        "GOV0310",
        DiagnosticSeverity.Error,
        "Invalid privilege",
        "A grant gives `read` or `write`.",
        "dataset logs in research table \"logs\" { grant admin to analyst }");

    public static readonly DiagnosticDescriptor UnknownRole = new(
        "GOV0311",
        DiagnosticSeverity.Error,
        "Unknown role",
        "Grants name roles declared with `role name \"description\"`.",
        "dataset logs in research table \"logs\" { grant read to analysts }");

    public static readonly DiagnosticDescriptor DuplicateGrant = new(
        "GOV0312",
        DiagnosticSeverity.Warning,
        "Duplicate grant",
        "The role already has this privilege on the dataset; the repeated grant changes nothing.",
        "dataset logs in research table \"logs\" {\n  grant read to analyst\n  grant read to analyst\n}");

    public static readonly DiagnosticDescriptor UnknownTestRule = new(
        "GOV0313",
        DiagnosticSeverity.Error,
        "Unknown rule in test",
        "`fails <rule>` names rules of the tested dataset by name: the `as` name, or the default `<column>_<kind>`.",
        "dataset stars in research table \"stars\" { expect ra between 0 and 360 }\ntest stars { row { ra: 400 } fails ra_betwen }");

    public static readonly DiagnosticDescriptor TestValueTypeMismatch = new(
        "GOV0314",
        DiagnosticSeverity.Error,
        "Test value does not fit the column",
        "A test row's value must be of its declared column's type (numbers for numeric columns, dates or `now` for date and time columns, strings for text, `true`/`false` for booleans); `null` fits every column.",
        "dataset stars in research table \"stars\" { column ra double }\ntest stars { row { ra: \"high\" } passes }");

    public static readonly DiagnosticDescriptor DuplicateTestRule = new(
        "GOV0315",
        DiagnosticSeverity.Warning,
        "Rule named twice in a test row",
        "A test row names each rule it expects to fail (or pass) once; the repeat is ignored. Perhaps another rule was meant.",
        "dataset stars in research table \"stars\" { expect ra between 0 and 360 }\ntest stars { row { ra: 400 } fails ra_between, ra_between }");

    public static readonly DiagnosticDescriptor RetentionStagesOutOfOrder = new(
        "GOV0316",
        DiagnosticSeverity.Error,
        "Retention stages out of order",
        "A dataset's `retain` stages are written in order of their windows, each strictly longer than the one before (anonymize after 2 years, archive after 5, expire the archive after 10). Windows in months or years are compared with windows in days or weeks only when the order holds for every calendar (`1 year` is not longer than `365 days` in a leap year).",
        "dataset logs in research table \"logs\" {\n  column ts timestamp\n  column who text\n  retain 5 years by ts then anonymize who\n  retain 2 years by ts then delete\n}");

    public static readonly DiagnosticDescriptor RetentionStagesDifferentClock = new(
        "GOV0317",
        DiagnosticSeverity.Warning,
        "Retention stages age rows by different columns",
        "Stages compare their windows on one clock: the `by` column. A stage that ages rows by another column may act on a row before an earlier stage has (a row anonymized by `last_login` may be deleted by `created_at` first, or never reach the archive). Use the same `by` column in every stage unless that is what you mean.",
        "dataset people in research table \"people\" {\n  column email text\n  column last_login timestamp\n  column created_at timestamp\n  retain 2 years by last_login then anonymize email\n  retain 10 years by created_at then delete\n}");

    public static readonly DiagnosticDescriptor AnonymizeKeyOrAge = new(
        "GOV0318",
        DiagnosticSeverity.Error,
        "Anonymizing the key or the age column",
        "Retention finds, archives and deletes rows by their `key`, and ages them by the `by` column of its stages; a stage that sets either to null would leave rows that later stages can no longer select, archive or delete.",
        "dataset people in research table \"people\" {\n  key id\n  retain 2 years by created_at then anonymize id\n}");

    public static readonly DiagnosticDescriptor AlreadyAnonymized = new(
        "GOV0319",
        DiagnosticSeverity.Warning,
        "Column already anonymized",
        "An earlier stage already sets this column to null on every row this stage reaches, so anonymizing it again changes nothing. Perhaps another column was meant.",
        "dataset people in research table \"people\" {\n  column ts timestamp\n  column email text\n  column phone text\n  retain 1 year by ts then anonymize email\n  retain 2 years by ts then anonymize email, phone\n}");

    public static readonly DiagnosticDescriptor ArchivedTwiceToStore = new(
        "GOV0320",
        DiagnosticSeverity.Error,
        "Two stages archive to one store",
        "Each archive store holds the batches of one stage of a dataset, so an expiry stage (`in <store>`) knows whose copies it deletes. Archive to another store, or merge the stages.",
        "dataset people in research table \"people\" {\n  column ts timestamp\n  column email text\n  retain 1 year by ts then archive to archive as parquet then anonymize email\n  retain 2 years by ts then archive to archive as parquet then delete\n}");

    public static readonly DiagnosticDescriptor NothingArchivedThere = new(
        "GOV0321",
        DiagnosticSeverity.Error,
        "No earlier stage archives to the store",
        "`retain <d> by <column> in <store> then delete` expires the copies an earlier stage archived to that store (`... then archive to <store> as parquet then delete`); without such a stage it has nothing to expire.",
        "dataset logs in research table \"logs\" {\n  retain 30 days by ts then delete\n  retain 1 year by ts in archive then delete\n}");

    public static readonly DiagnosticDescriptor ArchivedCopiesOnlyDeleted = new(
        "GOV0322",
        DiagnosticSeverity.Error,
        "Archived copies can only be deleted",
        "A stage `in <store>` acts on archived batches, which are kept whole or deleted whole: it ends with `then delete`, without `archive to` or `anonymize`.",
        "dataset logs in research table \"logs\" {\n  column ts timestamp\n  column who text\n  retain 30 days by ts then archive to archive as parquet then delete\n  retain 1 year by ts in archive then anonymize who\n}");

    public static readonly DiagnosticDescriptor ArchivedCopiesAgedByOtherColumn = new(
        "GOV0323",
        DiagnosticSeverity.Error,
        "Archived copies aged by another column",
        "An archived batch is as old as the rows its stage archived, measured by that stage's `by` column; the expiry stage names the same column.",
        "dataset logs in research table \"logs\" {\n  retain 30 days by ts then archive to archive as parquet then delete\n  retain 1 year by created_at in archive then delete\n}");

    public static readonly DiagnosticDescriptor ArchivedCopiesExpiredTwice = new(
        "GOV0324",
        DiagnosticSeverity.Error,
        "Archived copies expired twice",
        "The copies in an archive store are deleted by one stage; a later one would find them gone. Keep the stage with the window you mean.",
        "dataset logs in research table \"logs\" {\n  retain 30 days by ts then archive to archive as parquet then delete\n  retain 1 year by ts in archive then delete\n  retain 2 years by ts in archive then delete\n}");
}
