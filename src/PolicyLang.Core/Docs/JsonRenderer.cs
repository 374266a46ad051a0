using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Controls;

namespace PolicyLang.Core.Docs;

/// <summary>
/// The machine-readable twin of the Markdown document: the same facts, camelCase, indented.
/// Shapes are anonymous objects so the schema reads top to bottom here; nulls are kept so every
/// object of a kind has the same keys.
/// </summary>
internal static class JsonRenderer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Policy text is full of quotes, < and & (regexes, C#); this output is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Render(BoundPolicy p, CoverageReport coverage, DocumentOptions options)
    {
        var h = p.Header;
        var document = new
        {
            title = h?.Title,
            version = h?.Version,
            owner = h?.Owner,
            description = h?.Description,
            reviewEvery = h?.ReviewEvery?.ToString(),
            frameworks = (h?.Frameworks ?? []).Select(f => new { id = f.Id, name = Frameworks.DisplayName(f.Id), role = FrameworkRole(f.Id) }),
            sources = ComplianceDocument.SourceFiles(p),
            generatedOn = options.GeneratedOn is { } on ? ComplianceDocument.Date(on) : null,
            status = coverage.Status,
            statusOver = coverage.JudgesRequired ? "required" : "listed",
            statusCounts = StatusCounts(coverage.Judged),
            derivedFrom = DerivedFrom(coverage),
            runAt = RunAt(coverage),
            policyVersion = coverage.Run is { } run ? run.PolicyVersion : h?.Version,
            runReportAcceptedDespite = coverage.Run?.AcceptedDespite,
            classification = p.Classification.OrderBy(c => c.Rank).Select(c => c.Name),
            roles = p.Roles.Select(r => new { name = r.Name, description = r.Description }),
            stores = p.Stores.Select(Store),
            datasets = p.Datasets.Select(Dataset),
            audit = p.Audit is { } a
                ? new { store = a.Store?.Name, table = a.Table, retain = a.Retain?.ToString(), tamperEvident = a.TamperEvident, file = a.Location.File.Path, line = a.Location.Line }
                : null,
            backups = p.Backups.Select(Backup),
            controls = coverage.Safeguards.Select(s => Control(s, coverage, h?.Version, options)),
            unmappedFrameworks = coverage.UnmappedFrameworks,
            approvals = p.Approvals.Select(x => new { reviewer = x.Reviewer, role = x.Role, date = ComplianceDocument.Date(x.Date), status = x.Status, comment = x.Comment }),
            changes = p.Changes.Select(c => new { version = c.Version, date = ComplianceDocument.Date(c.Date), author = c.Author, description = c.Description, reviewStatus = ComplianceDocument.ReviewOf(p, c) }),
            attribution = CisCatalog.Attribution,
        };
        return JsonSerializer.Serialize(document, Options).ReplaceLineEndings("\n") + "\n";
    }

    private static string FrameworkRole(string id) =>
        id == Frameworks.CisV8 ? "baseline" : Frameworks.HasMappingData(id) ? "cross-referenced" : "no mapping data";

    private static object Store(StoreSymbol s) => new
    {
        name = s.Name,
        kind = s.KindName,
        // INVARIANT: only the variable's name, never a value read from the environment.
        settings = s.Settings.Values.OrderBy(v => v.Location.Span.Start).Select(v => new
        {
            keyword = v.Keyword,
            value = v.EnvironmentVariable is null ? PolicyText.Setting(v) : null,
            environmentVariable = v.EnvironmentVariable,
        }),
        capabilities = StoreCapabilities.All.Where(c => c.Kind == s.Kind).Select(c => new { capability = StoreCapabilities.Name(c.Capability), support = c.Support, text = c.Text }),
        file = s.Location.File.Path,
        line = s.Location.Line,
    };

    private static Dictionary<string, int> StatusCounts(IReadOnlyList<SafeguardCoverage> judged) =>
        Enum.GetValues<SafeguardStatus>().ToDictionary(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()), s => judged.Count(j => j.Status == s));

    private static string DerivedFrom(CoverageReport coverage) => coverage.Run is null ? "policy" : "run";

    private static string? RunAt(CoverageReport coverage) => coverage.Run is { } run ? ComplianceDocument.Instant(run.RunAt) : null;

    private static object Dataset(DatasetSymbol d) => new
    {
        name = d.Name,
        store = d.Store.Name,
        storeKind = d.Store.KindName,
        locationKind = d.LocationKind,
        location = d.Location,
        description = d.Description,
        owner = d.Owner,
        steward = d.Steward,
        classification = d.Classification?.Name,
        key = d.KeyText,
        columns = d.Columns.Select(c => new { name = c.Name, type = c.Type, notNull = c.NotNull, pii = c.Pii }),
        rules = d.Rules.Select(r => new
        {
            name = r.Name,
            check = "expect " + r.Describe(),
            severity = r.Severity,
            tolerance = r.Tolerance,
            covers = r.Covers.Select(c => c.Id),
            file = r.Location.File.Path,
            line = r.Location.Line,
        }),
        retention = d.Retention is { } r
            ? new
            {
                window = r.Window.ToString(),
                by = r.ByColumn ?? "last-modified",
                archiveTo = r.ArchiveStore?.Name,
                archiveFormat = r.ArchiveStore is null ? null : r.ArchiveFormat,
                storageClass = r.ArchiveStore?.Setting("storage-class"),
                finalAction = r.Action,
                anonymize = r.AnonymizeColumns,
                file = r.Location.File.Path,
                line = r.Location.Line,
            }
            : null,
        lifecycle = d.Lifecycle.Select((s, i) => new
        {
            stage = i + 1,
            window = s.Window.ToString(),
            by = s.ByColumn ?? "last-modified",
            archiveTo = s.ArchiveStore?.Name,
            archiveFormat = s.ArchiveStore is null ? null : s.ArchiveFormat,
            storageClass = s.ArchiveStore?.Setting("storage-class"),
            copiesIn = s.CopiesIn?.Name,
            finalAction = s.Action,
            anonymize = s.AnonymizeColumns,
            file = s.Location.File.Path,
            line = s.Location.Line,
        }),
        masks = d.Masks.Select(m => new { column = m.Column, method = m.Method, keep = m.Method == "last" ? m.Keep : (int?)null }),
        grants = d.Grants.Select(g => new { privilege = g.Privilege, role = g.Role.Name }),
        file = d.Declaration.File.Path,
        line = d.Declaration.Line,
    };

    private static object Backup(BackupSymbol b) => new
    {
        name = b.Name,
        covers = b.Covers.Select(s => s.Name),
        tool = b.Tool,
        schedule = b.Schedules.Select(s => new { every = s.Period, keep = s.Keep }),
        scheduleSummary = PolicyText.ScheduleSummary(b.Schedules),
        retain = b.Retain?.ToString(),
        offsite = b.Offsite?.Name,
        offsiteStorageClass = b.Offsite?.Setting("storage-class"),
        offsiteLocal = b.Offsite is { } o ? StoreCapabilities.NotIsolated(o, b.Covers) : null,
        evidence = b.Evidence is { } e ? new { store = e.Store.Name, prefix = e.Prefix, table = e.Records?.Table, timeColumn = e.Records?.TimeColumn, file = e.Location.File.Path, line = e.Location.Line } : null,
        encryption = b.Encryption,
        encryptionKey = b.EncryptionKey,
        restoreTestEvery = b.RestoreTestEvery,
        file = b.Location.File.Path,
        line = b.Location.Line,
    };

    private static object? Waiver(WaiverSymbol? w) =>
        w is null ? null : new { reason = w.Reason, until = ComplianceDocument.Date(w.Until), file = w.Location.File.Path, line = w.Location.Line };

    private static object Control(SafeguardCoverage s, CoverageReport coverage, string? version, DocumentOptions options) => new
    {
        id = s.Id,
        title = s.Title,
        status = s.Status,
        derivedFrom = DerivedFrom(coverage),
        runAt = RunAt(coverage),
        policyVersion = coverage.Run is { } run ? run.PolicyVersion : version,
        required = s.Required,
        assessment = options.Assessment,
        evidence = s.Evidence.Select(e => new { text = e.Text, file = e.File, line = e.Line }),
        lacking = s.Lacking,
        coveringRules = s.CoveringRules,
        failingRules = s.FailingRules,
        failedSteps = s.FailedSteps.Select(f => new { kind = f.Step.Kind, name = f.Step.Name, detail = f.Detail }),
        capabilityGaps = s.Gaps.Select(g => new { item = g.Item, capability = StoreCapabilities.Name(g.Capability), reason = g.Reason, file = g.At.File.Path, line = g.At.Line }),
        waiver = Waiver(s.Waiver),
        expiredWaiver = Waiver(s.ExpiredWaiver),
        crossReferences = s.CrossReferences.Select(r => new { framework = r.FrameworkId, target = r.TargetId, relationship = r.Relationship }),
    };
}
