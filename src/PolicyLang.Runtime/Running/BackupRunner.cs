using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Running;

/// <summary>
/// The backup step: per backup giving <c>evidence in</c>, lists its copies and judges the newest against the shortest schedule
/// period and the oldest against the retention (plus one period: the tool prunes when it runs). One audit record per backup.
/// </summary>
internal static class BackupRunner
{
    public static async Task RunAsync(PolicyModel model, StoreCache stores, DateTimeOffset now, RunReport report,
        Func<AuditEntry, CancellationToken, Task> audit, CancellationToken ct)
    {
        foreach (var backup in model.Backups)
        {
            var result = new BackupResult
            {
                Backup = backup.Name,
                Store = backup.Store,
                Prefix = backup.Prefix,
                Table = backup.Records?.Table,
                TimeColumn = backup.Records?.TimeColumn,
                MaxNewestAge = backup.Every?.ToString(),
                MaxOldestAge = backup.Retain is { } r ? backup.Every is { } e ? $"{r} + {e}" : r.ToString() : null,
                Source = backup.Source,
            };
            IStore? store = null;
            try
            {
                if (backup.Records is { } records)
                {
                    var log = stores.Get<IBackupRecords>(backup.Store, $"for the records of backup '{backup.Name}'");
                    store = log;
                    Judge(result, backup, await log.SummarizeBackupRecordsAsync(records.Table, records.TimeColumn, ct).ConfigureAwait(false), now);
                }
                else
                {
                    var copies = stores.Get<IBackupCopies>(backup.Store, $"for the copies of backup '{backup.Name}'");
                    store = copies;
                    Judge(result, backup, CopySpan.Of(await copies.ListCopiesAsync(backup.Prefix!, ct).ConfigureAwait(false)), now);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                result.Status = BackupStatus.Error;
                result.Detail = PolicyRunner.Describe(ex, store);
            }

            report.Backups.Add(result);
            await audit(new AuditEntry("backup-check", null, $"backup {backup.Name}: {result.Status.ToString().ToLowerInvariant()}: {result.Detail}", new Dictionary<string, long>
            {
                ["copies"] = result.Copies,
            }), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Sets the status and detail of <paramref name="result"/> from the copies found.</summary>
    internal static void Judge(BackupResult result, BackupModel backup, CopySpan copies, DateTimeOffset now)
    {
        result.Copies = copies.Count;
        if (copies is not { Oldest: { } oldest, Newest: { } newest })
        {
            result.Status = BackupStatus.Failed;
            result.Detail = backup.Records is { } r
                ? $"no copy recorded in '{r.Table}' of store '{backup.Store}' (no row with a time in '{r.TimeColumn}')"
                : $"no copy under '{backup.Prefix}' in store '{backup.Store}'";
            return;
        }

        (result.Newest, result.Oldest) = (newest, oldest);
        var problems = new List<string>();
        if (backup.Every is { } every && newest < every.Before(now))
        {
            problems.Add($"the newest copy is {Age(now - newest)} old, older than the schedule allows (every {every})");
        }

        if (backup.Retain is { } retain && oldest < (backup.Every?.Before(retain.Before(now)) ?? retain.Before(now)))
        {
            problems.Add($"the oldest copy is {Age(now - oldest)} old, kept past the retention ({retain}{(backup.Every is { } e ? $", plus {e} for the tool to prune" : string.Empty)})");
        }

        result.Status = problems.Count == 0 ? BackupStatus.Passed : BackupStatus.Failed;
        result.Detail = problems.Count > 0
            ? string.Join("; ", problems)
            : $"{Plural.Of(copies.Count, "copy")}, the newest {Age(now - newest)} old, the oldest {Age(now - oldest)} old";
    }

    private static string Age(TimeSpan age) => age.TotalDays >= 1
        ? Plural.Of((long)Math.Floor(age.TotalDays), "day")
        : Plural.Of((long)Math.Floor(Math.Max(0, age.TotalHours)), "hour");
}
