using PolicyLang.Contracts;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Core.Binding;

/// <summary>
/// GOV0335–GOV0336: a backup's copies against the retention of the data in the stores it covers. A backup keeps its copies for
/// its <c>retain</c>, else for its longest schedule (<c>every month keep 12</c>: 12 months).
/// </summary>
internal static partial class ConflictChecks
{
    private static IEnumerable<Diagnostic> Backups(ConflictScope scope)
    {
        foreach (var backup in scope.Backups)
        {
            if (Kept(scope, backup) is not { } kept)
            {
                continue;
            }

            var covered = backup.Covers.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var dataset in scope.Datasets)
            {
                foreach (var conflict in Outlives(backup, kept, covered, dataset).Concat(OnlyCopy(backup, kept, covered, dataset)))
                {
                    yield return conflict;
                }
            }
        }
    }

    private sealed record BackupKeep(PolicyDuration Window, string Setting, SourceLocation Location);

    private static BackupKeep? Kept(ConflictScope scope, BackupSymbol backup)
    {
        if (backup.Retain is { } retain)
        {
            return new(retain, $"retain {retain}", scope.Sources.BackupRetain(backup));
        }

        BackupKeep? longest = null;
        foreach (var schedule in backup.Schedules)
        {
            var window = schedule.Period switch
            {
                SchedulePeriod.Day => new PolicyDuration(schedule.Keep, DurationUnit.Day),
                SchedulePeriod.Week => new PolicyDuration(schedule.Keep, DurationUnit.Week),
                SchedulePeriod.Month => new PolicyDuration(schedule.Keep, DurationUnit.Month),
                SchedulePeriod.Quarter => new PolicyDuration(schedule.Keep * 3, DurationUnit.Month),
                _ => new PolicyDuration(schedule.Keep, DurationUnit.Year),
            };
            if (longest is null || Windows.IsLonger(window, longest.Window) == true)
            {
                longest = new(window, $"every {schedule.Period.ToString().ToLowerInvariant()} keep {schedule.Keep}", schedule.Location);
            }
        }

        return longest;
    }

    /// <summary>GOV0335: the rows erased in a covered store, or archived copies expired in one, outlive their window in the backup.</summary>
    private static IEnumerable<Diagnostic> Outlives(BackupSymbol backup, BackupKeep kept, HashSet<string> covered, DatasetSymbol dataset)
    {
        var erased = new List<(RetentionSymbol Stage, string What)>();
        if (covered.Contains(dataset.Store.Name)
            && RowStages(dataset).FirstOrDefault(s => s.DeletesRows || s.Action == RetentionAction.Anonymize) is { } first)
        {
            erased.Add((first, first.DeletesRows ? $"rows of `{dataset.Name}` are deleted" : $"`{string.Join("`, `", first.AnonymizeColumns)}` of `{dataset.Name}` are anonymized"));
        }

        erased.AddRange(dataset.Lifecycle.Where(s => s.CopiesIn is { } store && covered.Contains(store.Name))
            .Select(s => (s, $"archived copies of `{dataset.Name}` in `{s.CopiesIn!.Name}` are deleted")));
        return erased.Where(e => Windows.IsLonger(kept.Window, e.Stage.Window) == true).Select(e => Conflict(
            ConflictDiagnostics.BackupOutlivesRetention, e.Stage.Location,
            $"{e.What} after {e.Stage.Window}, but backup `{backup.Name}` keeps its copies {kept.Window} (`{kept.Setting}`): the data can still be restored up to {kept.Window} after the policy says it is gone",
            kept.Location, $"backup `{backup.Name}` keeps its copies {kept.Window}"));
    }

    /// <summary>GOV0336: a dataset with no archive is kept longer than the backup of its store, its only other copy, keeps it.</summary>
    private static IEnumerable<Diagnostic> OnlyCopy(BackupSymbol backup, BackupKeep kept, HashSet<string> covered, DatasetSymbol dataset)
    {
        if (!covered.Contains(dataset.Store.Name) || dataset.Lifecycle.Any(s => s.ArchiveStore is not null)
            || RowStages(dataset).FirstOrDefault(s => s.DeletesRows) is not { } delete || Windows.IsLonger(delete.Window, kept.Window) != true)
        {
            return [];
        }

        return [Conflict(ConflictDiagnostics.BackupShorterThanOnlyCopy, delete.Location,
            $"`{dataset.Name}` keeps its rows {delete.Window} and has no archive, but backup `{backup.Name}`, its only other copy, keeps them {kept.Window} (`{kept.Setting}`): a row lost or damaged in `{dataset.Store.Name}` can be restored only for {kept.Window}",
            kept.Location, $"backup `{backup.Name}` keeps its copies {kept.Window}")];
    }
}
