namespace PolicyLang.Core.Diagnostics;

/// <summary>Binding diagnostics, part 3 of 3: retention, masks, grants and tests (GOV0300–GOV0399).</summary>
public static partial class BindingDiagnostics
{
    public static readonly DiagnosticDescriptor DuplicateRetention = new(
        "GOV0300",
        DiagnosticSeverity.Error,
        "Duplicate retention",
        "A dataset has one `retain` rule; the first one is kept.",
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
}
