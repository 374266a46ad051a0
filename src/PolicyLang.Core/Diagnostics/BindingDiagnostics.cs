namespace PolicyLang.Core.Diagnostics;

/// <summary>
/// Binding diagnostics, part 1 of 3: declarations, names, values, stores, audit, backup and
/// controls (GOV0100–GOV0199). Datasets and rules are GOV0200–GOV0299
/// (<c>BindingDiagnostics.Datasets.cs</c>); retention, masks, grants and tests GOV0300–GOV0399
/// (<c>BindingDiagnostics.Lifecycle.cs</c>). Examples are fragments compiled after
/// <see cref="DiagnosticExamples.Prelude"/> unless they declare their own <c>policy</c> or <c>classification</c>.
/// </summary>
public static partial class BindingDiagnostics
{
    public static readonly DiagnosticDescriptor MissingPolicy = new(
        "GOV0100",
        DiagnosticSeverity.Error,
        "Missing policy declaration",
        "Every policy needs exactly one `policy \"title\" { ... }` declaration with its version, owner and review period. It may be in any of the files compiled together.",
        "classification public < internal\nrole analyst \"Analysts\"");

    public static readonly DiagnosticDescriptor DuplicatePolicy = new(
        "GOV0101",
        DiagnosticSeverity.Error,
        "Duplicate policy declaration",
        "All `.gov` files compiled together form one policy, so only one of them may declare `policy`.",
        "policy \"Lab\" { version \"1\" }\npolicy \"Lab again\" { version \"2\" }\nclassification public < internal");

    public static readonly DiagnosticDescriptor MissingClassification = new(
        "GOV0102",
        DiagnosticSeverity.Error,
        "Missing classification declaration",
        "Every policy declares its ordered sensitivity levels once, e.g. `classification public < internal < confidential`; datasets name one of them.",
        "policy \"Lab\" { version \"1\" }");

    public static readonly DiagnosticDescriptor DuplicateClassification = new(
        "GOV0103",
        DiagnosticSeverity.Error,
        "Duplicate classification declaration",
        "The sensitivity levels are declared once for the whole policy; merge the declarations into one ordered list.",
        "policy \"Lab\" { version \"1\" }\nclassification public < internal\nclassification low < high");

    public static readonly DiagnosticDescriptor DuplicateClassificationLevel = new(
        "GOV0104",
        DiagnosticSeverity.Error,
        "Duplicate classification level",
        "Each level appears once in the ordered list; a repeated level would have two ranks.",
        "policy \"Lab\" { version \"1\" }\nclassification public < internal < public");

    public static readonly DiagnosticDescriptor DuplicateName = new(
        "GOV0105",
        DiagnosticSeverity.Error,
        "Duplicate name",
        "Roles, stores, datasets and backups are named once across all files of the policy. The first declaration is kept; later ones are ignored.",
        "role analyst \"Data analysts\"");

    public static readonly DiagnosticDescriptor DuplicateAudit = new(
        "GOV0106",
        DiagnosticSeverity.Error,
        "Duplicate audit declaration",
        "A policy records its enforcement actions in one place, so it has at most one `audit` block.",
        "audit { store research table \"audit_log\" }\naudit { store research table \"audit_log_2\" }");

    public static readonly DiagnosticDescriptor DuplicateControls = new(
        "GOV0107",
        DiagnosticSeverity.Error,
        "Duplicate controls block",
        "Each framework has one `controls` block; merge the `require`, `evidence` and `waive` statements into it.",
        "controls cis-v8 { require 3.1 }\ncontrols cis-v8 { require 3.2 }");

    public static readonly DiagnosticDescriptor UnknownControlsFramework = new(
        "GOV0108",
        DiagnosticSeverity.Error,
        "Unknown controls framework",
        "`controls` blocks claim safeguards of a catalogue the compiler ships; today that is `cis-v8`. Other frameworks may still be listed in the policy's `frameworks`.",
        "controls cis-v9 { require 3.1 }");

    public static readonly DiagnosticDescriptor DuplicateSetting = new(
        "GOV0109",
        DiagnosticSeverity.Error,
        "Setting given twice",
        "A setting of a policy, store, dataset, audit, backup, rule or test row is written once; the first one is kept.",
        "store scratch duckdb { file \"a.duckdb\" file \"b.duckdb\" }");

    public static readonly DiagnosticDescriptor UnknownFramework = new(
        "GOV0110",
        DiagnosticSeverity.Error,
        "Unknown framework",
        "`frameworks` lists the compliance frameworks a policy maps to: cis-v8, nist-csf-1.1, nist-800-53r5, iso-27001-2022, nist-csf-2.0, nist-800-171.",
        "policy \"Lab\" { version \"1\" frameworks cis-v8, nist-csf-3 }\nclassification public < internal");

    public static readonly DiagnosticDescriptor InvalidDate = new(
        "GOV0111",
        DiagnosticSeverity.Error,
        "Invalid date",
        "Dates are written yyyy-mm-dd and must exist in the calendar.",
        "approval \"Ann\" role \"Data owner\" on 2025-02-30 approved");

    public static readonly DiagnosticDescriptor InvalidDuration = new(
        "GOV0112",
        DiagnosticSeverity.Error,
        "Invalid duration",
        "A duration is a positive whole number followed by a unit: `30 days`, `1 year`. Zero, negative and fractional amounts are not durations.",
        "audit { store research table \"audit_log\" retain 0 days }");

    public static readonly DiagnosticDescriptor InvalidEnvironmentVariable = new(
        "GOV0113",
        DiagnosticSeverity.Error,
        "Invalid environment variable name",
        "`env(\"NAME\")` names a variable of the runner's environment: letters, digits and `_`, not starting with a digit.",
        "store ops postgres { connection env(\"PG-URL\") }");

    public static readonly DiagnosticDescriptor InvalidSchedulePeriod = new(
        "GOV0114",
        DiagnosticSeverity.Error,
        "Invalid schedule period",
        "Backups and restore tests run every `day`, `week`, `month`, `quarter` or `year`.",
        "backup nightly { covers research every fortnight keep 2 }");

    public static readonly DiagnosticDescriptor InvalidCount = new(
        "GOV0115",
        DiagnosticSeverity.Error,
        "Invalid count",
        "Counts (`keep <n>`, `rows at least <n>`, `objects at least <n>`) are whole numbers; `keep` must be at least 1.",
        "backup nightly { covers research every week keep 0 }");

    public static readonly DiagnosticDescriptor InvalidApprovalStatus = new(
        "GOV0116",
        DiagnosticSeverity.Error,
        "Invalid approval status",
        "An approval is `approved`, `pending` or `rejected`.",
        "approval \"Ann\" role \"Data owner\" on 2025-01-10 aproved");

    public static readonly DiagnosticDescriptor IncompleteWaiver = new(
        "GOV0117",
        DiagnosticSeverity.Error,
        "Waiver without reason or end date",
        "A waiver is an accepted, time-boxed risk: `waive <id> \"reason\" until <date>`. Both the reason and the date are required.",
        "controls cis-v8 { waive 3.4 \"retention handled by IT\" }");

    public static readonly DiagnosticDescriptor UnknownStore = new(
        "GOV0119",
        DiagnosticSeverity.Error,
        "Unknown store",
        "Datasets, archives, audit and backups name a store declared with `store name kind { ... }` in one of the policy's files.",
        "dataset logs in reserch table \"logs\" { owner \"ops\" }");

    public static readonly DiagnosticDescriptor UnknownStoreKind = new(
        "GOV0120",
        DiagnosticSeverity.Error,
        "Unknown store kind",
        "A store is `postgres`, `mongodb`, `s3`, `duckdb` or `folder`. A store of another kind is left out, and so are the datasets in it.",
        "store cache redis { connection env(\"REDIS_URL\") }");

    public static readonly DiagnosticDescriptor SettingNotForStoreKind = new(
        "GOV0121",
        DiagnosticSeverity.Error,
        "Setting does not belong to this kind of store",
        "postgres and mongodb take `connection`, `tls` and `encryption`; s3 takes `bucket`, `region`, `endpoint`, `storage-class` and `encryption`; duckdb takes `file`; folder takes `path`.",
        "store ops postgres { connection env(\"PG_URL\") bucket \"ops\" }");

    public static readonly DiagnosticDescriptor MissingStoreSetting = new(
        "GOV0122",
        DiagnosticSeverity.Error,
        "Store is missing a required setting",
        "postgres and mongodb need `connection`, s3 needs `bucket`, duckdb needs `file`, folder needs `path`.",
        "store ops postgres { tls required }");

    public static readonly DiagnosticDescriptor InvalidSettingValue = new(
        "GOV0123",
        DiagnosticSeverity.Error,
        "Invalid setting value",
        "The value is not one the setting allows: `tls required|preferred|disabled`, `storage-class standard|standard-ia|glacier-instant-retrieval|glacier-flexible-retrieval|deep-archive`, `encryption aes256|kms \"key-id\"`.",
        "store ops postgres { connection env(\"PG_URL\") tls requried }");

    public static readonly DiagnosticDescriptor LiteralSecret = new(
        "GOV0124",
        DiagnosticSeverity.Error,
        "Connection written in the policy",
        "Connection strings carry credentials, so a policy names the environment variable that holds them: `connection env(\"NAME\")`. The compiler never repeats the literal in its output.",
        "store ops postgres { connection \"Host=db;Username=ops;Password=example\" }");

    public static readonly DiagnosticDescriptor MissingKmsKey = new(
        "GOV0125",
        DiagnosticSeverity.Error,
        "KMS encryption without a key id",
        "`encryption kms` needs the key to use: `encryption kms \"arn:aws:kms:...\"`.",
        "store vault s3 { bucket \"vault\" encryption kms }");

    public static readonly DiagnosticDescriptor WrongValueKind = new(
        "GOV0126",
        DiagnosticSeverity.Error,
        "Wrong kind of value",
        "The setting takes another kind of value: a string in quotes, a word such as `required`, or `env(\"NAME\")`.",
        "store vault s3 { bucket vault }");

    public static readonly DiagnosticDescriptor AuditStoreMissing = new(
        "GOV0127",
        DiagnosticSeverity.Error,
        "Audit without a store",
        "`audit` names the store that records enforcement actions: `store <name>`.",
        "audit { table \"audit_log\" }");

    public static readonly DiagnosticDescriptor AuditTableMissing = new(
        "GOV0128",
        DiagnosticSeverity.Error,
        "Audit table missing",
        "When the audit store is postgres or duckdb, `audit` names the table that holds the records: `table \"governance.audit_log\"`.",
        "audit { store research retain 1 year }");

    public static readonly DiagnosticDescriptor InvalidName = new(
        "GOV0129",
        DiagnosticSeverity.Error,
        "Invalid name",
        "Names of roles, stores, datasets, backups, columns, classification levels and rules (`as`) are letters, digits and `_`, not starting with a digit: `raw_frames`, not `raw-frames`. Dashes belong to keywords such as `storage-class`; generated code and SQL need plain names.",
        "dataset raw-frames in archive prefix \"raw/\" { }");

    public static readonly DiagnosticDescriptor InvalidPolicyName = new(
        "GOV0130",
        DiagnosticSeverity.Error,
        "Invalid policy name",
        "The policy's `name` is its identity in every host: archive paths (`<archive>/<name>/<dataset>/...`), audit records, `<name>.Enforcement.dll` and the generated `<Name>Policy` class. It is 1 to 64 ASCII letters, digits, `-` and `_`, starting with a letter or digit: `name \"genomics-lab\"`. Without `name`, the identity is a slug of the title.",
        "policy \"Genomics Lab\" { name \"genomics lab/2025\" }\nclassification public < internal");
}
