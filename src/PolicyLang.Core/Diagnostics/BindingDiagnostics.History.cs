namespace PolicyLang.Core.Diagnostics;

/// <summary>Binding diagnostics of the <c>history</c> block (GOV0140–GOV0145; docs/history.md).</summary>
public static partial class BindingDiagnostics
{
    public static readonly DiagnosticDescriptor HistoryStoreMissing = new(
        "GOV0140",
        DiagnosticSeverity.Error,
        "History without a store",
        "`history` keeps each run's rule, retention and access results in one of the policy's stores: name it with `store <name>`, and optionally where in it (`table \"...\"` for postgres and duckdb, `collection \"...\"` for mongodb, `path \"...\"` for a folder).",
        "history { table \"governance.run_history\" }");

    public static readonly DiagnosticDescriptor HistoryStoreKind = new(
        "GOV0141",
        DiagnosticSeverity.Error,
        "Store cannot keep the history",
        "The run history is appended after every run and read back by `policyc history`: postgres and duckdb stores keep it in a table, mongodb stores in a collection, folder stores as a JSON Lines file. An s3 store holds archives only; keep the history in another store.",
        "history { store archive }");

    public static readonly DiagnosticDescriptor HistoryLocationKind = new(
        "GOV0142",
        DiagnosticSeverity.Error,
        "History location does not fit the store",
        "Where the history is kept depends on the store's kind: `table \"...\"` in a postgres or duckdb store, `collection \"...\"` in a mongodb store, `path \"...\"` (a JSON Lines file inside the folder) in a folder store. Write one of them, or none for the default (`governance.check_results`, `policylang_history`, `policylang_history`, `history.jsonl`).",
        "history { store research collection \"runs\" }");

    public static readonly DiagnosticDescriptor DuplicateHistory = new(
        "GOV0143",
        DiagnosticSeverity.Error,
        "Duplicate history block",
        "A policy keeps one run history, so it has at most one `history` block (in any of its files). Remove or merge the second one.",
        "history { store research }\nhistory { store research table \"other\" }");

    public static readonly DiagnosticDescriptor InvalidHistoryLocation = new(
        "GOV0144",
        DiagnosticSeverity.Error,
        "Invalid history location",
        "A history table is `name` or `schema.name` (letters, digits and `_`, not starting with a digit); a collection name is not empty, has no `$` and does not start with `system.`; a folder path is relative, stays inside the folder (no `..`) and names a file.",
        "history { store research table \"runs; drop table x\" }");

    public static readonly DiagnosticDescriptor HistoryOverDataset = new(
        "GOV0145",
        DiagnosticSeverity.Error,
        "History written into a governed dataset",
        "The history location is also the location of a dataset of the policy, or of its audit trail: every run would append its results to data the policy checks and retains, or break the audit trail's chain. Give the history a location of its own.",
        "dataset runs in research table \"public.runs\" { }\nhistory { store research table \"public.runs\" }");
}
