using System.Globalization;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Controls;

namespace PolicyLang.Core.Docs;

/// <summary>
/// Last stage: the compliance documentation, replacing the hand-maintained data-management
/// document. Every table is derived from the bound policy and the coverage report; output is
/// deterministic (declaration order, catalogue order, no clock) so it can be baselined.
/// INVARIANT: no secret reaches a document: <c>env()</c> settings are named, never read
/// (<see cref="PolicyText.Setting"/>), and Core has no way to read them anyway.
/// </summary>
public static class ComplianceDocument
{
    public static string RenderMarkdown(BoundPolicy policy, CoverageReport coverage, DocumentOptions? options = null) =>
        MarkdownRenderer.Render(policy, coverage, options ?? DocumentOptions.Default);

    public static string RenderJson(BoundPolicy policy, CoverageReport coverage, DocumentOptions? options = null) =>
        JsonRenderer.Render(policy, coverage, options ?? DocumentOptions.Default);

    /// <summary>The self-contained HTML report; <paramref name="history"/> feeds the trend charts (the host reads it).</summary>
    public static string RenderHtml(BoundPolicy policy, CoverageReport coverage, RunHistory history, DocumentOptions? options = null) =>
        HtmlRenderer.Render(policy, coverage, options ?? DocumentOptions.Default, history);

    /// <summary>The paths of the distinct <c>.gov</c> files the policy was bound from, ordered by path.</summary>
    internal static IReadOnlyList<string> SourceFiles(BoundPolicy p) => [.. SourceTexts(p).Select(f => f.Path)];

    /// <summary>The distinct <c>.gov</c> files the policy was bound from, with their text, ordered by path.</summary>
    internal static IReadOnlyList<Text.SourceFile> SourceTexts(BoundPolicy p)
    {
        IEnumerable<SourceLocation?> locations =
        [
            p.Header?.Location, p.Audit?.Location, p.Controls?.Location,
            .. p.Classification.Select(c => c.Location), .. p.Roles.Select(r => r.Location),
            .. p.Stores.Select(s => s.Location), .. p.Datasets.Select(d => d.Declaration),
            .. p.Backups.Select(b => b.Location), .. p.Approvals.Select(a => a.Location),
            .. p.Changes.Select(c => c.Location), .. p.Tests.Select(t => t.Location),
        ];
        return [.. locations.OfType<SourceLocation>().Select(l => l.File).DistinctBy(f => f.Path).OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    internal static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant as documents print it: <c>2026-12-03 16:10:30 UTC</c>.</summary>
    public static string Instant(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    internal static string Percent(double fraction) => (fraction * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    internal static string Status(SafeguardStatus s) => s switch
    {
        SafeguardStatus.NotCovered => "Not covered",
        SafeguardStatus.Failing => "Failing",
        _ => s.ToString(),
    };

    internal static string Encryption(string? value, string? key = null) => value switch
    {
        null => "none declared",
        "aes256" => "AES-256",
        "kms" when key is not null => $"KMS (key `{key}`)",
        _ => value,
    };

    internal static string Severity(RuleSeverity s) => s.ToString().ToLowerInvariant();

    internal static string Approval(ApprovalStatus s) => s.ToString();

    /// <summary>
    /// A change's review status: for the policy's current version, the approval matrix's verdict (any rejection
    /// rejects, else any pending review keeps it pending); earlier versions have no record here (null).
    /// </summary>
    internal static ReviewStatus? ReviewOf(BoundPolicy p, ChangeSymbol change) =>
        change.Version != p.Header?.Version ? null
        : p.Approvals.Count == 0 ? ReviewStatus.NotReviewed
        : p.Approvals.Any(a => a.Status == ApprovalStatus.Rejected) ? ReviewStatus.Rejected
        : p.Approvals.Any(a => a.Status == ApprovalStatus.Pending) ? ReviewStatus.Pending
        : ReviewStatus.Approved;

    internal static string Review(ReviewStatus s) => s == ReviewStatus.NotReviewed ? "Not reviewed" : s.ToString();

    /// <summary>A store with where its archives sit: <c>offsite (s3, S3 Glacier Flexible Retrieval)</c>.</summary>
    internal static string StoreWithClass(StoreSymbol s) =>
        s.Setting("storage-class") is { } cls ? $"{s.Name} ({s.KindName}, {PolicyText.StorageClass(cls)})" : $"{s.Name} ({s.KindName})";
}

/// <summary>The change log's review status column, derived from the approval matrix.</summary>
internal enum ReviewStatus
{
    Approved,
    Pending,
    Rejected,
    NotReviewed,
}
