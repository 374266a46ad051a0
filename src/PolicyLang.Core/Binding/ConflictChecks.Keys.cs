using PolicyLang.Contracts;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Core.Binding;

/// <summary>
/// GOV0334: retention on rows without a key. Exactly where the runner stops (RetentionProtocol.RunAsync): a stage on the
/// dataset's own rows of a table, collection or file with no <c>key</c>. An s3 prefix is keyed by object key, and an
/// expiry stage (<c>in &lt;store&gt;</c>) deletes whole archived batches, so neither needs one.
/// </summary>
internal static partial class ConflictChecks
{
    private static IEnumerable<Diagnostic> MissingKeys(ConflictScope scope)
    {
        foreach (var dataset in scope.Datasets.Where(d => !d.HasKey && d.LocationKind != LocationKind.Prefix))
        {
            if (RowStages(dataset).FirstOrDefault() is { } stage)
            {
                yield return Conflict(ConflictDiagnostics.RetentionWithoutKey, stage.Location,
                    $"dataset `{dataset.Name}` has no `key`, so retention cannot archive, delete or anonymize exactly the rows it selects and fails on every run; declare `key <column>` (or `key <column>, <column>` when several columns identify a row)",
                    scope.Sources.Name(dataset), $"dataset `{dataset.Name}` declares no `key`");
            }
        }
    }
}
