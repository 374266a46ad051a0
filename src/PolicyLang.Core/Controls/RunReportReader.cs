using System.Globalization;
using System.Text.Json;
using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Controls;

/// <summary>
/// Reads a <c>policyc run --json</c> report (its text: Core reads no files) into the <see cref="RunOutcome"/> a document derives
/// statuses from. Only the report's documented fields are read (docs/runtime.md), so any host — the CLI, the MSBuild task — can
/// pass one without the runtime: rules failed or errored; a dataset whose checks errored as a whole (its rules without a result
/// count as errored); retention stages and store-enforced retention that errored; access that errored or drifted (grant and
/// mask findings); the audit trail that could not be opened; backups whose copies are missing, too old or kept too long.
/// </summary>
public static class RunReportReader
{
    /// <summary>The prefix the runner gives the run error of an audit trail it could not open.</summary>
    public const string AuditErrorPrefix = "audit trail:";

    /// <exception cref="FormatException">The text is not a run report (not JSON, or without <c>finishedAt</c>).</exception>
    public static RunOutcome Read(string json, BoundPolicy policy)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a `policyc run --json` report: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "finishedAt") is not { } finished
                || !DateTimeOffset.TryParse(finished, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var runAt))
            {
                throw new FormatException("not a `policyc run --json` report (it has no finishedAt)");
            }

            var failed = new List<FailedStep>();
            Rules(root, policy, failed);
            foreach (var r in Items(root, "retention").Where(r => String(r, "error") is not null))
            {
                failed.Add(new(RunStep.Retention(String(r, "dataset") ?? "?"), $"errored: {String(r, "error")}"));
            }

            foreach (var r in Items(root, "nativeRetention").Where(r => String(r, "status") == "error"))
            {
                failed.Add(new(RunStep.Retention(String(r, "dataset") ?? "?"), $"store-enforced retention errored: {String(r, "error")}"));
            }

            Access(root, failed);
            foreach (var e in Items(root, "errors").Select(e => e.GetString() ?? string.Empty).Where(e => e.StartsWith(AuditErrorPrefix, StringComparison.Ordinal)))
            {
                failed.Add(new(RunStep.Audit, $"errored: {e[AuditErrorPrefix.Length..].Trim()}"));
            }

            foreach (var b in Items(root, "backups").Where(b => String(b, "status") is "failed" or "error"))
            {
                failed.Add(new(RunStep.Backup(String(b, "backup") ?? "?"), $"{String(b, "status")}: {String(b, "detail")}"));
            }

            return new RunOutcome(runAt, String(root, "policy") ?? string.Empty, String(root, "policyVersion"), failed.Distinct().ToList());
        }
    }

    private static void Rules(JsonElement root, BoundPolicy policy, List<FailedStep> failed)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in Items(root, "rules"))
        {
            var step = RunStep.Rule(String(r, "dataset") ?? "?", String(r, "rule") ?? "?");
            reported.Add(step.Name);
            switch (String(r, "status"))
            {
                case "failed":
                    failed.Add(new(step, $"failed: {Number(r, "violations")} of {Number(r, "total")} rows violate it"));
                    break;
                case "error":
                    failed.Add(new(step, $"errored: {String(r, "error")}"));
                    break;
            }
        }

        // A dataset whose checks could not run at all (unreachable store, missing table) has no result for its rules.
        foreach (var d in Items(root, "datasets"))
        {
            var name = String(d, "dataset");
            var error = Items(d, "errors").Select(e => e.GetString()).FirstOrDefault(e => e?.StartsWith("checks:", StringComparison.Ordinal) == true);
            if (name is null || error is null || policy.FindDataset(name) is not { } dataset)
            {
                continue;
            }

            failed.AddRange(dataset.Rules
                .Select(rule => RunStep.Rule(name, rule.Name))
                .Where(step => !reported.Contains(step.Name))
                .Select(step => new FailedStep(step, $"not evaluated: {error}")));
        }
    }

    private static void Access(JsonElement root, List<FailedStep> failed)
    {
        foreach (var a in Items(root, "access").Where(a => String(a, "status") == "error"))
        {
            failed.Add(new(RunStep.Access(String(a, "dataset") ?? "?"), $"errored: {String(a, "error")}"));
        }

        foreach (var d in Items(root, "datasets"))
        {
            var drift = Items(d, "schemaDrift").Where(f => String(f, "finding") is "grant" or "mask").ToList();
            if (drift.Count > 0 && String(d, "dataset") is { } name)
            {
                var what = drift.Select(f => $"{String(f, "column")} {String(f, "finding")} declared {String(f, "declared")}, found {String(f, "actual")}");
                failed.Add(new(RunStep.Access(name), $"drifted: {string.Join("; ", what)}"));
            }
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement e, string name) =>
        e.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().ToList() : [];

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetRawText() : "?";
}
