using PolicyLang.Contracts;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Core.Binding;

/// <summary>
/// GOV0337: an archive stage whose copies hold personal data and are never deleted. Personal data are the <c>pii</c> columns and
/// every column the lifecycle anonymizes (the policy wants those values gone), unless a stage before the archive already
/// anonymized them (an <c>archive ... then anonymize</c> stage exports the rows first, so its own columns are archived in clear).
/// The archive has a retention of its own with an expiry stage for its store, or an s3 <c>prefix</c> dataset with <c>retain</c>
/// over the path archives are written to (<c>&lt;policy&gt;/&lt;dataset&gt;/</c>).
/// </summary>
internal static partial class ConflictChecks
{
    private static IEnumerable<Diagnostic> Archives(ConflictScope scope)
    {
        foreach (var dataset in scope.Datasets)
        {
            var anonymized = new HashSet<string>(StringComparer.Ordinal);
            foreach (var stage in RowStages(dataset))
            {
                if (stage.ArchiveStore is { } store && !Expires(scope, dataset, store)
                    && Personal(dataset, anonymized).FirstOrDefault() is { } column)
                {
                    yield return Conflict(ConflictDiagnostics.ArchivedPersonalDataKeptForever, scope.Sources.ArchiveStep(dataset, stage),
                        $"rows of `{dataset.Name}` archived to `{store.Name}` after {stage.Window} still hold `{column.Name}`, and no stage deletes the copies in `{store.Name}`: they are kept forever; add `retain <longer> by {stage.ByColumn ?? "last-modified"} in {store.Name} then delete`",
                        column.Location, column.What);
                }

                if (stage.Action == RetentionAction.Anonymize)
                {
                    anonymized.UnionWith(stage.AnonymizeColumns);
                }
            }
        }
    }

    private sealed record PersonalColumn(string Name, SourceLocation Location, string What);

    private static IEnumerable<PersonalColumn> Personal(DatasetSymbol dataset, HashSet<string> anonymizedBefore)
    {
        foreach (var column in dataset.Columns.Where(c => c.Pii && !anonymizedBefore.Contains(c.Name)))
        {
            yield return new(column.Name, column.Location, $"`{column.Name}` is declared `pii` here");
        }

        foreach (var stage in RowStages(dataset).Where(s => s.Action == RetentionAction.Anonymize))
        {
            foreach (var name in stage.AnonymizeColumns.Where(c => !anonymizedBefore.Contains(c)))
            {
                yield return new(name, stage.Location, $"`{name}` is anonymized in the rows after {stage.Window}, not in the archive");
            }
        }
    }

    private static bool Expires(ConflictScope scope, DatasetSymbol dataset, StoreSymbol store)
    {
        if (dataset.Lifecycle.Any(s => s.CopiesIn?.Name == store.Name))
        {
            return true;
        }

        var archivePath = $"{scope.Policy.Identity}/{dataset.Name}/";
        return scope.Policy.Datasets.Any(d => d.Store.Name == store.Name && d.LocationKind == LocationKind.Prefix
            && archivePath.StartsWith(d.Location, StringComparison.Ordinal) && RowStages(d).Any(s => s.DeletesRows));
    }
}
