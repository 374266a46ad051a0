using System.Text.Json;
using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Runtime.History;

/// <summary>A run report as history records: one per rule, retention stage, access step and dataset error, and the run record last.</summary>
public static class RunRecords
{
    /// <summary>A new run identity: sortable by time, unique across hosts.</summary>
    public static string NewRunId(DateTimeOffset startedAt) =>
        $"{startedAt.UtcDateTime:yyyyMMdd'T'HHmmss'.'fff'Z'}-{Guid.NewGuid():N}"[..37];

    /// <summary>The records of <paramref name="report"/>, the <see cref="HistoryEntry.Run"/> record last.</summary>
    public static IReadOnlyList<HistoryRecord> Of(RunReport report, string runId)
    {
        var runAt = report.AsOf;
        var records = new List<HistoryRecord>();
        HistoryRecord New(string dataset, string entry, string rule) =>
            new() { RunId = runId, RunAt = runAt, Policy = report.Policy, Dataset = dataset, Entry = entry, Rule = rule, Kind = entry };

        foreach (var rule in report.Rules)
        {
            records.Add(New(rule.Dataset, HistoryEntry.Rule, rule.Rule) with
            {
                Kind = rule.Kind.ToString(),
                Severity = rule.Severity.ToString().ToLowerInvariant(),
                Status = rule.Status.ToString().ToLowerInvariant(),
                Violations = rule.Violations,
                Total = rule.Total,
                Tolerance = rule.Tolerance,
                Error = rule.Error,
                WindowColumn = rule.Window?.Column,
                WindowFrom = rule.Window?.From,
                WindowTo = rule.Window?.To,
            });
        }

        foreach (var dataset in report.Datasets)
        {
            // Retention errors have their own records below; a rule's error is on the rule.
            foreach (var error in dataset.Errors.Where(e => !e.StartsWith("retention: ", StringComparison.Ordinal)))
            {
                records.Add(New(dataset.Dataset, HistoryEntry.Dataset, $"[{error.Split(':', 2)[0]}]") with { Status = HistoryStatus.Error, Error = error });
            }
        }

        foreach (var retention in report.Retention)
        {
            // Rows the stage removed or changed (archived rows are also deleted or anonymized; expired copies are counted as rows).
            var processed = retention.Deleted + retention.Anonymized + (retention.ExpiredRows ?? 0);
            records.Add(New(retention.Dataset, HistoryEntry.Retention, retention.Stage is { } stage ? $"[retention {stage}]" : "[retention]") with
            {
                Status = retention.Error is not null ? HistoryStatus.Error : retention.Interrupted == true ? HistoryStatus.Interrupted : HistoryStatus.Passed,
                Violations = retention.WouldProcess ?? processed,
                Total = retention.WouldProcess ?? processed,
                Error = retention.Error,
                Details = Json(new
                {
                    action = retention.Action, cutoff = retention.Cutoff, archived = retention.Archived, deleted = retention.Deleted,
                    anonymized = retention.Anonymized, batches = retention.Batches, wouldProcess = retention.WouldProcess, stage = retention.StageLabel,
                    expiredBatches = retention.ExpiredBatches,
                }),
            });
        }

        foreach (var access in report.Access)
        {
            records.Add(New(access.Dataset, HistoryEntry.Access, "[access]") with
            {
                Status = access.Status.ToString().ToLowerInvariant(),
                Violations = access.Statements.Count,
                Total = access.Statements.Count,
                Error = access.Error,
                Details = Json(new { granted = access.Granted, revoked = access.Revoked, maskedView = access.MaskedView, note = access.Note }),
            });
        }

        foreach (var native in report.NativeRetention)
        {
            records.Add(New(native.Dataset, HistoryEntry.NativeRetention, "[native retention]") with
            {
                Status = native.Status.ToString().ToLowerInvariant(),
                Error = native.Error,
                Details = Json(new { finding = native.Finding, declared = native.Declared, actual = native.Actual, note = native.Note }),
            });
        }

        records.Add(New("", HistoryEntry.Run, "[run]") with
        {
            Status = report.Interrupted ? HistoryStatus.Interrupted
                : report.ExitCode switch { 0 => HistoryStatus.Passed, 1 => HistoryStatus.Failed, _ => HistoryStatus.Error },
            Violations = report.ExitCode,
            Total = report.Rules.Count,
            Error = report.Errors.Count == 0 ? null : string.Join("; ", report.Errors),
            Details = Json(new
            {
                startedAt = report.StartedAt, finishedAt = report.FinishedAt, durationSeconds = Math.Round((report.FinishedAt - report.StartedAt).TotalSeconds, 3),
                datasets = report.Datasets.Select(d => d.Dataset).ToArray(), failOn = report.FailOn.ToString().ToLowerInvariant(),
            }),
        });
        return records;
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static string Json(object value) => JsonSerializer.Serialize(value, Options);
}
