using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Controls;

/// <summary>What a store kind can do that a compliance claim may rely on (docs/controls-and-docs.md#store-capabilities).</summary>
public enum StoreCapability
{
    /// <summary>Grants applied with <c>run --apply</c> and compared with the live grants (drift) on every run.</summary>
    EnforcedGrants,
    /// <summary>Masks applied as a masked view readers are granted instead of the table.</summary>
    MaskedViews,
    /// <summary>An <c>encryption</c> setting: encryption at rest can be declared (and, for s3, is requested with every upload).</summary>
    EncryptionAtRest,
    /// <summary>A <c>tls</c> setting the runner's connections obey.</summary>
    Tls,
    /// <summary>The store can enforce retention itself (a TTL index, a lifecycle configuration).</summary>
    NativeRetention,
    /// <summary>The store is on another machine or service than the data it backs up or receives (isolation for 11.x).</summary>
    RemoteLocation,
    /// <summary>The store can hold the audit trail, hash-chained when <c>tamper-evident</c> (checked by <c>policyc audit verify</c>).</summary>
    TamperEvidentAudit,
    /// <summary>The store can receive archived batches (<c>archive to</c>) and backup copies with evidence.</summary>
    HoldsCopies,
}

/// <summary>How a store kind supports a capability.</summary>
public enum CapabilitySupport
{
    /// <summary>Never.</summary>
    No,
    /// <summary>Always.</summary>
    Yes,
    /// <summary>Only in the circumstance <see cref="CapabilityEntry.Text"/> names (a database store is remote when its connection differs).</summary>
    Conditional,
}

/// <summary>One cell of the table: a kind's support for a capability, and the sentence documents print about it.</summary>
public sealed record CapabilityEntry(StoreKind Kind, StoreCapability Capability, CapabilitySupport Support, string Text);

/// <summary>
/// The store capabilities as data, one row per store kind (postgres, mongodb, s3, duckdb, folder). Coverage reads it, so
/// evidence relying on a capability a store lacks makes its safeguard Partial (GOV0407), and every sentence a document says
/// about enforcement is <see cref="CapabilityEntry.Text"/> from here, so no store is described as doing what it cannot.
/// Keep it in step with the runtime: each Yes names what the store's runtime does (the store tests exercise them).
/// </summary>
public static class StoreCapabilities
{
    private static readonly CapabilityEntry[] Entries =
    [
        Yes(StoreKind.Postgres, StoreCapability.EnforcedGrants, "`run --apply` grants and revokes to match the policy (one audited transaction per dataset); every run compares the live grants and reports drift"),
        Yes(StoreKind.Postgres, StoreCapability.MaskedViews, "`run --apply` creates the `<table>_masked` view and grants readers that view, so masked columns are never read in clear"),
        Yes(StoreKind.Postgres, StoreCapability.EncryptionAtRest, "`encryption` declares encryption at rest provided by the platform (volume or managed service); a session cannot observe it"),
        Yes(StoreKind.Postgres, StoreCapability.Tls, "`tls` sets the runner's connection mode (`required` refuses an unencrypted connection)"),
        No(StoreKind.Postgres, StoreCapability.NativeRetention, "postgres has no native expiry: the runner deletes expired rows on each run"),
        Conditional(StoreKind.Postgres, StoreCapability.RemoteLocation, "remote when its `connection` differs from the stores it backs up"),
        Yes(StoreKind.Postgres, StoreCapability.TamperEvidentAudit, "holds the audit table; with `tamper-evident` each record carries the hash of the one before"),
        No(StoreKind.Postgres, StoreCapability.HoldsCopies, "a postgres store cannot receive archive objects or backup copies; it can hold a backup tool's records of its copies (`evidence in ... table ... by <column>`)"),

        No(StoreKind.MongoDb, StoreCapability.EnforcedGrants, "mongodb grants are not applied or drift-checked: the runner has no role management for it"),
        No(StoreKind.MongoDb, StoreCapability.MaskedViews, "mongodb masks only change the samples of run reports: readers still see the values"),
        Yes(StoreKind.MongoDb, StoreCapability.EncryptionAtRest, "`encryption` declares encryption at rest provided by the platform (encrypted storage engine or managed service)"),
        Yes(StoreKind.MongoDb, StoreCapability.Tls, "`tls` sets the runner's connection mode (`required` refuses an unencrypted connection)"),
        Yes(StoreKind.MongoDb, StoreCapability.NativeRetention, "`run --apply` creates or corrects the TTL index of a `retain ... then delete`; every run reports its drift"),
        Conditional(StoreKind.MongoDb, StoreCapability.RemoteLocation, "remote when its `connection` differs from the stores it backs up"),
        Yes(StoreKind.MongoDb, StoreCapability.TamperEvidentAudit, "holds the audit collection; with `tamper-evident` each record carries the hash of the one before"),
        No(StoreKind.MongoDb, StoreCapability.HoldsCopies, "a mongodb store cannot receive archive objects or backup copies; it can hold a backup tool's records of its copies (`evidence in ... collection ... by <column>`)"),

        No(StoreKind.S3, StoreCapability.EnforcedGrants, "s3 grants are not applied or drift-checked: bucket policies are managed outside PolicyLang"),
        No(StoreKind.S3, StoreCapability.MaskedViews, "s3 objects cannot be masked: masks only change the samples of run reports"),
        Yes(StoreKind.S3, StoreCapability.EncryptionAtRest, "`encryption` is requested with every object the runner uploads (server-side encryption)"),
        No(StoreKind.S3, StoreCapability.Tls, "s3 has no `tls` setting: the endpoint's scheme decides"),
        Yes(StoreKind.S3, StoreCapability.NativeRetention, "`policyc plan` derives the bucket lifecycle configuration equal to prefix retention, for S3 to enforce server-side"),
        Yes(StoreKind.S3, StoreCapability.RemoteLocation, "an object store reached over the network: isolated from the databases it receives copies of"),
        No(StoreKind.S3, StoreCapability.TamperEvidentAudit, "an s3 store cannot hold the audit trail"),
        Yes(StoreKind.S3, StoreCapability.HoldsCopies, "receives archive batches (verified by SHA-256 before the source rows are deleted) and backup copies under a prefix"),

        No(StoreKind.DuckDb, StoreCapability.EnforcedGrants, "duckdb has no users or grants: declared grants are not applied or drift-checked"),
        No(StoreKind.DuckDb, StoreCapability.MaskedViews, "duckdb masks only change the samples of run reports: anyone who opens the file sees the values"),
        No(StoreKind.DuckDb, StoreCapability.EncryptionAtRest, "a duckdb file has no `encryption` setting: encryption at rest cannot be declared"),
        No(StoreKind.DuckDb, StoreCapability.Tls, "an embedded duckdb file has no connection to encrypt"),
        No(StoreKind.DuckDb, StoreCapability.NativeRetention, "duckdb has no native expiry: the runner deletes expired rows on each run"),
        No(StoreKind.DuckDb, StoreCapability.RemoteLocation, "a duckdb file is on the machine that runs the policy: local, not isolated"),
        Yes(StoreKind.DuckDb, StoreCapability.TamperEvidentAudit, "holds the audit table; with `tamper-evident` each record carries the hash of the one before"),
        No(StoreKind.DuckDb, StoreCapability.HoldsCopies, "a duckdb store cannot receive archive objects or backup copies; it can hold a backup tool's records of its copies (`evidence in ... table ... by <column>`)"),

        No(StoreKind.Folder, StoreCapability.EnforcedGrants, "a folder has no grants PolicyLang manages: file permissions are not applied or drift-checked"),
        No(StoreKind.Folder, StoreCapability.MaskedViews, "a folder holds no dataset to mask"),
        No(StoreKind.Folder, StoreCapability.EncryptionAtRest, "a folder has no `encryption` setting: encryption at rest cannot be declared"),
        No(StoreKind.Folder, StoreCapability.Tls, "a folder is read from the local file system: there is no connection"),
        No(StoreKind.Folder, StoreCapability.NativeRetention, "a folder has no native expiry: the runner expires archived copies"),
        No(StoreKind.Folder, StoreCapability.RemoteLocation, "a folder is on the machine that runs the policy: local, not isolated"),
        Yes(StoreKind.Folder, StoreCapability.TamperEvidentAudit, "holds the audit trail as a file; with `tamper-evident` each record carries the hash of the one before"),
        Yes(StoreKind.Folder, StoreCapability.HoldsCopies, "receives archive batches (verified by SHA-256 before the source rows are deleted) and backup copies under a prefix"),
    ];

    /// <summary>Every cell, by kind then capability.</summary>
    public static IReadOnlyList<CapabilityEntry> All => Entries;

    /// <summary>The cell for <paramref name="kind"/> and <paramref name="capability"/> (the table is complete: a test keeps it so).</summary>
    public static CapabilityEntry Of(StoreKind kind, StoreCapability capability) =>
        Entries.First(e => e.Kind == kind && e.Capability == capability);

    /// <summary>True when <paramref name="store"/>'s kind always supports <paramref name="capability"/>.</summary>
    public static bool Has(StoreSymbol store, StoreCapability capability) => Of(store.Kind, capability).Support == CapabilitySupport.Yes;

    /// <summary>"duckdb store `local`: duckdb has no users or grants: ..." — why a statement on <paramref name="store"/> is not enforced.</summary>
    public static string Lacks(StoreSymbol store, StoreCapability capability) => $"{store.KindName} store `{store.Name}`: {Of(store.Kind, capability).Text}";

    /// <summary>
    /// Why <paramref name="target"/> is not isolated from <paramref name="sources"/> (null when it is): s3 always is; a database store
    /// is when its connection differs from each source's (written differently, or read from another variable); duckdb and folder never are.
    /// </summary>
    public static string? NotIsolated(StoreSymbol target, IReadOnlyList<StoreSymbol> sources)
    {
        var entry = Of(target.Kind, StoreCapability.RemoteLocation);
        if (entry.Support == CapabilitySupport.Yes)
        {
            return null;
        }

        if (entry.Support == CapabilitySupport.No)
        {
            return Lacks(target, StoreCapability.RemoteLocation);
        }

        var same = sources.Where(s => s.Name == target.Name || SameConnection(s, target)).Select(s => $"`{s.Name}`").ToList();
        return same.Count == 0 ? null : $"{target.KindName} store `{target.Name}` has the same connection as {string.Join(", ", same)}: not isolated from it";
    }

    private static bool SameConnection(StoreSymbol a, StoreSymbol b) =>
        a.Settings.TryGetValue("connection", out var x) && b.Settings.TryGetValue("connection", out var y)
        && x.Literal == y.Literal && x.EnvironmentVariable == y.EnvironmentVariable;

    /// <summary>
    /// The table as docs/controls-and-docs.md shows it (a test keeps the page equal to this data): one row per capability, one
    /// column per store kind, each cell "yes/no/when ...: sentence"; then which safeguards rely on each capability.
    /// </summary>
    public static string RenderMarkdown()
    {
        var kinds = Enum.GetValues<StoreKind>();
        var lines = new List<string>
        {
            $"| capability | {string.Join(" | ", kinds.Select(k => k.ToString().ToLowerInvariant()))} |",
            $"|---|{string.Concat(kinds.Select(_ => "---|"))}",
        };
        foreach (var capability in Enum.GetValues<StoreCapability>())
        {
            var cells = kinds.Select(k => Of(k, capability)).Select(e => $"**{Word(e.Support)}**: {e.Text}");
            lines.Add($"| {Name(capability)} | {string.Join(" | ", cells)} |");
        }

        lines.Add(string.Empty);
        lines.Add("| capability | safeguards relying on it | when a store lacks it |");
        lines.Add("|---|---|---|");
        lines.AddRange(CapabilityEffect.All.Select(e => $"| {Name(e.Capability)} | {string.Join(", ", e.Safeguards)} | {e.Effect} |"));
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>The capability as documents name it.</summary>
    public static string Name(StoreCapability capability) => capability switch
    {
        StoreCapability.EnforcedGrants => "grants enforced and drift-checked",
        StoreCapability.MaskedViews => "masked views",
        StoreCapability.EncryptionAtRest => "encryption at rest declarable",
        StoreCapability.Tls => "TLS setting",
        StoreCapability.NativeRetention => "native TTL or lifecycle",
        StoreCapability.RemoteLocation => "remote (isolated) location",
        StoreCapability.TamperEvidentAudit => "tamper-evident audit trail",
        _ => "holds archive and backup copies",
    };

    private static string Word(CapabilitySupport support) => support switch
    {
        CapabilitySupport.Yes => "yes",
        CapabilitySupport.No => "no",
        _ => "conditional",
    };

    private static CapabilityEntry Yes(StoreKind kind, StoreCapability capability, string text) => new(kind, capability, CapabilitySupport.Yes, text);

    private static CapabilityEntry No(StoreKind kind, StoreCapability capability, string text) => new(kind, capability, CapabilitySupport.No, text);

    private static CapabilityEntry Conditional(StoreKind kind, StoreCapability capability, string text) => new(kind, capability, CapabilitySupport.Conditional, text);
}

/// <summary>Which covered safeguards rely on a capability, and what happens to them when a store lacks it.</summary>
public sealed record CapabilityEffect(StoreCapability Capability, IReadOnlyList<string> Safeguards, string Effect)
{
    /// <summary>Kept beside <see cref="CoverageRules"/>: each entry there that consults a capability is listed here (a test checks both ways).</summary>
    public static IReadOnlyList<CapabilityEffect> All { get; } =
    [
        new(StoreCapability.EnforcedGrants, ["3.3", "6.1"], "a dataset whose grants are in such a store is listed as lacking, with the reason: Partial (GOV0407 at its `grant`)"),
        new(StoreCapability.EncryptionAtRest, ["3.11"], "a store holding confidential data that cannot declare encryption is listed as lacking, with the reason: Partial"),
        new(StoreCapability.Tls, ["3.10"], "the store is not judged (it has no connection setting to require)"),
        new(StoreCapability.RemoteLocation, ["11.4", "11.1"], "a backup whose `offsite` is local (duckdb, folder, or a database with the same connection) is lacking, with the reason: Partial (GOV0407 at `offsite`)"),
        new(StoreCapability.TamperEvidentAudit, ["8.2", "8.3", "3.14"], "an `audit` in such a store cannot be written by the runner: the audit is lacking, with the reason: Partial (GOV0407 at `audit`)"),
        new(StoreCapability.HoldsCopies, ["3.8", "11.2", "11.4"], "an `archive to` naming such a store is refused by the binder (GOV0304), a backup's `evidence in ... prefix` by GOV0135; a database store's records of the copies are read instead"),
        new(StoreCapability.MaskedViews, [], "no safeguard is claimed from masks; the document says, per store, whether masks protect readers or only report samples"),
        new(StoreCapability.NativeRetention, [], "none: the runner enforces retention on every store; the document says where the store enforces it too"),
    ];
}
