using System.Globalization;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Retention;

/// <summary>
/// The archive-expiry stage of a lifecycle (<c>retain 12 months by ts in offsite then delete</c>): deletes from the archive store the
/// batches an earlier stage of the dataset archived there once every row in them is past the stage's window, batch by batch, each
/// read back gone and audited.
/// INVARIANT: a batch is deleted only when it is complete (its marker is whole, so its rows already left the table or were
/// anonymized after a verified archive) and its cutoff — every row in it was older than that when it was archived — is at or before
/// now minus the window. An incomplete batch is never touched: recovery finishes it first, so no row is ever in neither place.
/// </summary>
public sealed class ArchiveExpiry
{
    private const string LabelFormat = "yyyyMMdd'T'HHmmss'Z'";

    private readonly string policy;
    private readonly IReadOnlyList<string> previousNames;
    private readonly DatasetModel dataset;
    private readonly RetentionModel stage;
    private readonly IRetentionSource? source;
    private readonly IArchiveStore archive;
    private readonly RunOptions options;
    private readonly Func<AuditEntry, CancellationToken, Task> audit;
    private readonly RetentionResult result;

    /// <summary>Prepares the expiry stage <paramref name="stage"/> of <paramref name="dataset"/>.</summary>
    /// <param name="policy">The policy name (archive paths).</param>
    /// <param name="dataset">The dataset.</param>
    /// <param name="stage">The stage; its <see cref="RetentionModel.CopiesIn"/> names the archive store.</param>
    /// <param name="source">The dataset's store, whose retention lock keeps a concurrent run of the same dataset out; null when it has none.</param>
    /// <param name="archive">The archive store named by the stage.</param>
    /// <param name="options">Run options (dry run, fault hook).</param>
    /// <param name="audit">Appends an audit record.</param>
    /// <param name="previousNames">Names the policy had before: complete batches of this dataset archived under them expire too.</param>
    public ArchiveExpiry(string policy, DatasetModel dataset, RetentionModel stage, IRetentionSource? source, IArchiveStore archive, RunOptions options,
        Func<AuditEntry, CancellationToken, Task> audit, IReadOnlyList<string>? previousNames = null)
    {
        if (stage.CopiesIn is null)
        {
            throw new ArgumentException("the stage expires no archive store", nameof(stage));
        }

        this.policy = policy;
        this.previousNames = previousNames ?? [];
        this.dataset = dataset;
        this.stage = stage;
        this.source = source;
        this.archive = archive;
        this.options = options;
        this.audit = audit;
        result = new RetentionResult { Dataset = dataset.Name, Action = "delete", ArchiveStore = stage.CopiesIn, ExpiredBatches = 0, ExpiredRows = 0, KeptIncomplete = 0 };
    }

    /// <summary>The result so far; complete when <see cref="RunAsync"/> returns, partial when it throws.</summary>
    public RetentionResult Partial => result;

    /// <summary>True when <paramref name="label"/> is a batch's cutoff folder name (<c>yyyyMMddTHHmmssZ</c>); <paramref name="cutoff"/> is then that instant.</summary>
    public static bool TryParseCutoff(string label, out DateTimeOffset cutoff) =>
        DateTimeOffset.TryParseExact(label, LabelFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out cutoff);

    /// <summary>Expires as of <paramref name="now"/> and returns what it did. Failures propagate as exceptions after partial results are recorded.</summary>
    public async Task<RetentionResult> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = stage.Window.Before(now);
        result.Cutoff = cutoff;
        await using var held = options.DryRun || source is null ? null : await source.LockRetentionAsync(dataset, ct).ConfigureAwait(false);
        var batch = 0;
        foreach (var name in previousNames.Where(n => n != policy).Prepend(policy))
        {
            foreach (var location in await archive.ListBatchesAsync(name, dataset.Name, cutoff, ct).ConfigureAwait(false))
            {
                ct.ThrowIfCancellationRequested();
                ArchiveManifest? manifest;
                try
                {
                    manifest = await archive.FindAsync(location, ct).ConfigureAwait(false);
                }
                catch (RunException)
                {
                    // A damaged manifest is an incomplete batch: the archiving stage's recovery rebuilds and finishes it first.
                    result.KeptIncomplete++;
                    continue;
                }

                if (!IsExpired(location, manifest, name, cutoff))
                {
                    continue;
                }

                batch++;
                if (options.DryRun)
                {
                    Count(manifest);
                    continue;
                }

                await ExpireAsync(location, manifest, batch, ct).ConfigureAwait(false);
            }
        }

        if (options.DryRun)
        {
            await AuditAsync("dry-run", $"would delete {Plural.Of(result.ExpiredBatches ?? 0, "archived batch", "archived batches")} ({Plural.Of(result.ExpiredRows ?? 0, "row")}) " +
                $"older than {Values.Instant(cutoff)} from '{stage.CopiesIn}'", ("rows", result.ExpiredRows ?? 0), ("batches", result.ExpiredBatches ?? 0), ct).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Whether the batch may be deleted: complete, of this dataset (under a previous name: keyed by its key column), and with every row
    /// older than <paramref name="cutoff"/>. A batch without a manifest is what an expiry cut short leaves (a lone marker), or a data
    /// object whose manifest was never written, so whose rows never left the table: deleting either loses nothing.
    /// </summary>
    private bool IsExpired(ArchiveLocation location, ArchiveManifest? manifest, string name, DateTimeOffset cutoff)
    {
        if (manifest is null)
        {
            // The label is the cutoff truncated to the second: a second later bounds every row in the batch.
            return name == policy && location.CutoffInstant.AddSeconds(1) <= cutoff;
        }

        if (manifest.Cutoff > cutoff)
        {
            return false;
        }

        if (manifest.CompletedAt is null)
        {
            result.KeptIncomplete++;
            return false;
        }

        return name == policy || manifest.KeyColumn == RetentionKeys.ColumnText(dataset, RetentionProtocol.ObjectKeyColumn);
    }

    private async Task ExpireAsync(ArchiveLocation location, ArchiveManifest? manifest, int batch, CancellationToken ct)
    {
        var left = await archive.ExpireAsync(location, ct).ConfigureAwait(false);
        if (left.Count > 0)
        {
            throw new RunException($"archive batch '{location}' in '{stage.CopiesIn}' was deleted but {string.Join(", ", left.Select(l => $"'{l}'"))} still read back; the next run deletes it again");
        }

        Count(manifest);
        await AuditAsync("expire", $"{location} deleted from '{stage.CopiesIn}' and read back gone", ("rows", manifest?.RowCount ?? 0), ("batch", batch), ct).ConfigureAwait(false);
        await FaultAsync(FaultPoint.AfterDelete, batch).ConfigureAwait(false);
        options.Progress?.Report(new RunProgress("retention", dataset.Name, result.ExpiredRows ?? 0, 0, batch));
    }

    private void Count(ArchiveManifest? manifest)
    {
        result.ExpiredBatches++;
        result.ExpiredRows += manifest?.RowCount ?? 0;
    }

    private ValueTask FaultAsync(string point, int batch) =>
        options.FaultInjection?.Invoke(new FaultPoint(point, dataset.Name, batch)) ?? ValueTask.CompletedTask;

    private Task AuditAsync(string action, string details, (string, long) a, (string, long) b, CancellationToken ct) =>
        audit(new AuditEntry(action, dataset.Name, details, new Dictionary<string, long> { [a.Item1] = a.Item2, [b.Item1] = b.Item2 }), ct);
}
