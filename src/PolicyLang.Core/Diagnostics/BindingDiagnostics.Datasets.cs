namespace PolicyLang.Core.Diagnostics;

/// <summary>Binding diagnostics, part 2 of 3: datasets, columns and rules (GOV0200–GOV0299).</summary>
public static partial class BindingDiagnostics
{
    public static readonly DiagnosticDescriptor LocationKindMismatch = new(
        "GOV0200",
        DiagnosticSeverity.Error,
        "Location kind does not fit the store",
        "`table` datasets live in postgres or duckdb stores, `collection` in mongodb, `prefix` in s3, `file` in folder or duckdb.",
        "dataset logs in research collection \"logs\" { owner \"ops\" }");

    public static readonly DiagnosticDescriptor UnknownClassificationLevel = new(
        "GOV0201",
        DiagnosticSeverity.Error,
        "Unknown classification level",
        "A dataset's `classification` names one of the levels of the policy's `classification` declaration.",
        "dataset logs in research table \"logs\" { classification confidental }");

    public static readonly DiagnosticDescriptor UndeclaredColumn = new(
        "GOV0202",
        DiagnosticSeverity.Error,
        "Column not declared",
        "When a dataset declares columns, every column that its key, rules, masks, retention and tests name must be declared, so typos are caught before the runner meets the live schema.",
        "dataset logs in research table \"logs\" {\n  column id bigint\n  expect idd unique\n}");

    public static readonly DiagnosticDescriptor DuplicateColumn = new(
        "GOV0203",
        DiagnosticSeverity.Error,
        "Duplicate column",
        "A column is declared once per dataset.",
        "dataset logs in research table \"logs\" {\n  column id bigint\n  column id text\n}");

    public static readonly DiagnosticDescriptor UnknownColumnType = new(
        "GOV0204",
        DiagnosticSeverity.Warning,
        "Unknown column type",
        $"The compiler does not know this type, or gives it no family (`uuid`), so rules on the column are not type-checked. Known types: {string.Join(", ", ColumnTypeTable.LanguageNames)}; the single-word spellings PostgreSQL and DuckDB use for the same families (`int8`, `float8`, `number`, ...) are known too.",
        "dataset logs in research table \"logs\" { column id bigintt }");

    public static readonly DiagnosticDescriptor DuplicateRuleName = new(
        "GOV0205",
        DiagnosticSeverity.Error,
        "Duplicate rule name",
        "Rule names identify results in reports and tests, so they are unique per dataset. A rule's default name is `<column>_<kind>`; name one of the rules with `as <name>`.",
        "dataset logs in research table \"logs\" {\n  expect id unique\n  expect id unique severity warn\n}");

    public static readonly DiagnosticDescriptor InvalidSeverity = new(
        "GOV0206",
        DiagnosticSeverity.Error,
        "Invalid rule severity",
        "A rule's severity is `error` (the default), `warn` or `info`.",
        "dataset logs in research table \"logs\" { expect id unique severity fatal }");

    public static readonly DiagnosticDescriptor InvalidTolerance = new(
        "GOV0207",
        DiagnosticSeverity.Error,
        "Invalid tolerance",
        "`tolerance` is the percentage of rows allowed to fail, between 0% and 100%, written with `%`: `tolerance 0.5%`.",
        "dataset logs in research table \"logs\" { expect id unique tolerance 0.5 }");

    public static readonly DiagnosticDescriptor RuleNotForLocation = new(
        "GOV0208",
        DiagnosticSeverity.Error,
        "Rule does not apply to this kind of dataset",
        "`objects at least` and `object-age fresher than` check the objects of an s3 `prefix`; every other rule checks rows or documents and does not apply to a prefix.",
        "dataset frames in archive prefix \"raw/\" { expect rows at least 10 }");

    public static readonly DiagnosticDescriptor RuleTypeMismatch = new(
        "GOV0209",
        DiagnosticSeverity.Error,
        "Rule does not fit the column's type",
        "`matches` needs a text column, `fresher than` a timestamp or date column, and the values of `between`, `in` and comparisons must be of the column's type (numbers for numeric columns, dates for date and time columns, strings for text).",
        "dataset people in research table \"people\" {\n  column name text\n  expect name between 1 and 10\n}");

    public static readonly DiagnosticDescriptor EmptyRange = new(
        "GOV0210",
        DiagnosticSeverity.Error,
        "Empty range",
        "`between <lo> and <hi>` includes both bounds and needs lo ≤ hi; with the bounds swapped no value passes.",
        "dataset stars in research table \"stars\" { expect ra between 360 and 0 }");

    public static readonly DiagnosticDescriptor InvalidInList = new(
        "GOV0211",
        DiagnosticSeverity.Error,
        "Invalid `in` list",
        "`in [..]` lists the allowed values, all of one type (an empty list `[]` allows none: every non-null value violates).",
        "dataset obs in research table \"obs\" { expect band in [\"r\", 1] }");

    public static readonly DiagnosticDescriptor InvalidRegex = new(
        "GOV0212",
        DiagnosticSeverity.Error,
        "Invalid regular expression",
        "The `matches` pattern must be a valid .NET regular expression.",
        "dataset people in research table \"people\" { expect email matches \"^[a-z+@\" }");

    public static readonly DiagnosticDescriptor ContradictoryOrNull = new(
        "GOV0213",
        DiagnosticSeverity.Warning,
        "`or null` contradicts `not null`",
        "`expect <col> not null or null` allows every value; remove `or null`, or the rule.",
        "dataset people in research table \"people\" { expect id not null or null }");

    public static readonly DiagnosticDescriptor UnknownDataset = new(
        "GOV0214",
        DiagnosticSeverity.Error,
        "Unknown dataset",
        "`references` and `test` name a dataset declared in one of the policy's files.",
        "dataset orders in research table \"orders\" { expect customer_id references custmers.id }");

    public static readonly DiagnosticDescriptor ReferenceAcrossStores = new(
        "GOV0215",
        DiagnosticSeverity.Error,
        "Reference to another store",
        "A `references` rule is checked by one query where the data lives, so the referenced dataset must be in the same store.",
        "store local duckdb { file \"lab.duckdb\" }\ndataset customers in local table \"customers\" { }\ndataset orders in research table \"orders\" { expect customer_id references customers.id }");

    public static readonly DiagnosticDescriptor SelfReference = new(
        "GOV0216",
        DiagnosticSeverity.Error,
        "Column references itself",
        "A column that references itself in the same dataset is always satisfied; reference another column or dataset.",
        "dataset people in research table \"people\" { expect id references people.id }");

    public static readonly DiagnosticDescriptor InvalidLiteral = new(
        "GOV0217",
        DiagnosticSeverity.Error,
        "Not a value",
        "Rule operands and test fields are strings in quotes, numbers, dates, `true` or `false`; test rows may also use `null` and `now`.",
        "dataset flags in research table \"flags\" { expect enabled = maybe }");

    public static readonly DiagnosticDescriptor NonPortableRegex = new(
        "GOV0218",
        DiagnosticSeverity.Warning,
        "Regular expression outside the portable subset",
        "A `matches` pattern runs in DuckDB, PostgreSQL, MongoDB and the test evaluator. Patterns in the portable subset (docs/language.md, \"Regular expressions\") are translated so every engine counts the same; back-references, look-around, inline flags, word boundaries, `\\p{..}`, POSIX classes and `\\x`/`\\u` escapes are not, so such a pattern runs as written in each store's own dialect (PostgreSQL's for a postgres store) and `policyc test` may disagree with the store.",
        "dataset people in research table \"people\" { expect name matches \"\\bsmith\" }");

    public static readonly DiagnosticDescriptor RowsComparedLikeColumn = new(
        "GOV0219",
        DiagnosticSeverity.Warning,
        "`rows` compared like a column",
        "`expect rows >= 100` compares a column named `rows` in every row; the number of rows is checked with `expect rows at least 100`. A dataset that declares its columns reports an undeclared `rows` (GOV0202); one that declares none gets this warning, since its table may really have such a column.",
        "dataset logs in research table \"logs\" { expect rows >= 100 }");
}
