using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Stores.Folder;

namespace PolicyLang.Runtime.Retention;

/// <summary>
/// The retention protocol, written once: finish interrupted batches, then repeatedly
/// select a batch of expired keys (oldest first) → export it → store object + manifest → read back and verify →
/// delete (or anonymize) exactly those keys in one transaction → mark the manifest complete, auditing every step.
/// INVARIANT: a row leaves its table only after a verified archive of it exists (when the policy archives),
/// so a crash at any point leaves every row in the table, in a verified archive, or both — never neither.
/// </summary>
public sealed class RetentionProtocol
{
    private readonly string policy;
    private readonly IReadOnlyList<string> previousNames;
    private readonly DatasetModel dataset;
    private readonly RetentionModel retention;
    private readonly IRetentionSource source;
    private readonly IArchiveStore? archive;
    private readonly RunOptions options;
    private readonly Func<AuditEntry, CancellationToken, Task> audit;
    private readonly RetentionResult result;
    private readonly string tempFolder;

    /// <summary>The key column recorded for datasets without a declared key: an object prefix, whose rows are objects keyed by object key.</summary>
    public const string ObjectKeyColumn = "key";

    /// <summary>Prepares retention of one dataset.</summary>
    /// <param name="policy">The policy name (archive paths).</param>
    /// <param name="dataset">The dataset; it must declare a key unless it is an object prefix.</param>
    /// <param name="source">The dataset's store.</param>
    /// <param name="archive">The archive store, when the policy archives before deleting.</param>
    /// <param name="options">Run options (batch size, dry run, clock, fault hook, progress).</param>
    /// <param name="audit">Appends an audit record.</param>
    /// <param name="previousNames">Names the policy had before (<see cref="PolicyModel.PreviousNames"/>): their incomplete batches of this dataset are finished too.</param>
    /// <param name="tempFolder">Where exports and rebuilt manifests' downloads go (the run folder); null means the system's temp folder.</param>
    /// <param name="stage">The stage of the dataset's lifecycle to run (one acting on its rows); null means its first, <see cref="DatasetModel.Retention"/>.</param>
    public RetentionProtocol(string policy, DatasetModel dataset, IRetentionSource source, IArchiveStore? archive,
        RunOptions options, Func<AuditEntry, CancellationToken, Task> audit, IReadOnlyList<string>? previousNames = null, string? tempFolder = null,
        RetentionModel? stage = null)
    {
        this.tempFolder = tempFolder ?? Path.GetTempPath();
        this.policy = policy;
        this.previousNames = previousNames ?? [];
        this.dataset = dataset;
        retention = stage ?? dataset.Retention ?? throw new ArgumentException($"dataset '{dataset.Name}' has no retention", nameof(dataset));
        if (retention.CopiesIn is not null)
        {
            throw new ArgumentException("an archive-expiry stage runs as ArchiveExpiry", nameof(stage));
        }

        this.source = source;
        this.archive = archive;
        this.options = options;
        this.audit = audit;
        result = new RetentionResult { Dataset = dataset.Name, Action = retention.Action };
    }

    /// <summary>The result so far; complete when <see cref="RunAsync"/> returns, partial when it throws.</summary>
    public RetentionResult Partial => result;

    /// <summary>Runs retention as of <paramref name="now"/> and returns what it did. Failures propagate as exceptions after partial results are recorded.</summary>
    public async Task<RetentionResult> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        // Object prefixes are keyed by object key without declaring one (see ObjectKeyColumn).
        if (!dataset.HasKey && dataset.LocationKind != LocationKind.Prefix)
        {
            throw new RunException($"dataset '{dataset.Name}': retention needs a declared key to archive and delete exactly the selected rows");
        }

        var cutoff = retention.Window.Before(now);
        result.Cutoff = cutoff;
        var selection = new RetentionSelection(dataset, retention, cutoff);

        if (options.DryRun)
        {
            var count = await source.CountExpiredAsync(selection, ct).ConfigureAwait(false);
            var pending = archive is null ? 0 : (await IncompleteAsync(ct).ConfigureAwait(false)).Count;
            result.WouldProcess = count;
            await AuditAsync("dry-run", $"would {retention.Action} {Plural.Of(count, "row")} older than {Values.Instant(cutoff)}; {Plural.Of(pending, "interrupted batch", "interrupted batches")} to finish",
                ("rows", count), ("pendingBatches", pending), ct).ConfigureAwait(false);
            return result;
        }

        // INVARIANT: recovery and every batch run under the store's retention lock, so a concurrent run never finishes or archives the same rows.
        await using var held = await source.LockRetentionAsync(dataset, ct).ConfigureAwait(false);
        if (archive is not null)
        {
            await RecoverAsync(ct).ConfigureAwait(false);
        }

        var expected = await source.CountExpiredAsync(selection, ct).ConfigureAwait(false);
        var batch = 0;
        var limit = Math.Max(1, options.BatchSize);
        if (archive is not null && retention.Action == "delete" && source is IArchivingDeleteSource oneStep)
        {
            await RunOneStepAsync(oneStep, selection, limit, expected, ct).ConfigureAwait(false);
            return result;
        }

        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (archive is not null)
            {
                // Progress is guaranteed: a completed manifest for these keys makes a second selection of them an error.
                if (!await ArchiveNextAsync(selection, limit, batch + 1, ct).ConfigureAwait(false))
                {
                    break;
                }

                batch++;
            }
            else
            {
                var keys = await source.SelectExpiredKeysAsync(selection, limit, ct).ConfigureAwait(false);
                if (keys.Count == 0)
                {
                    break;
                }

                RetentionKeys.RequireComplete(dataset, keys);
                batch++;
                // INVARIANT: every batch makes progress; otherwise the same keys would be selected forever.
                if (await RemoveAsync(keys, retention.Action, batch, ct).ConfigureAwait(false) == 0)
                {
                    throw new RunException($"dataset '{dataset.Name}': batch {batch} selected {Plural.Of(keys.Count, "row")} but none could be {retention.Action}d");
                }
            }

            result.Batches++;
            options.Progress?.Report(new RunProgress("retention", dataset.Name, result.Deleted + result.Anonymized, expected, batch));
        }

        return result;
    }

    private async Task RecoverAsync(CancellationToken ct)
    {
        var cleaned = 0;
        foreach (var name in previousNames.Prepend(policy))
        {
            cleaned += await archive!.CleanupAsync(name, dataset.Name, ct).ConfigureAwait(false);
        }

        var incomplete = await IncompleteAsync(ct).ConfigureAwait(false);
        if (cleaned > 0 || incomplete.Count > 0)
        {
            await AuditAsync("recover", $"removed {Plural.Of(cleaned, "partial object")}; finishing {Plural.Of(incomplete.Count, "interrupted batch", "interrupted batches")}",
                ("partialObjects", cleaned), ("batches", incomplete.Count), ct).ConfigureAwait(false);
        }

        foreach (var batch in incomplete)
        {
            if ((batch.Manifest ?? await RebuildAsync(batch, ct).ConfigureAwait(false)) is not { } manifest)
            {
                continue;
            }

            await FinishAsync(manifest, 0, ct).ConfigureAwait(false);
            result.Recovered++;
        }
    }

    /// <summary>
    /// Incomplete batches of this dataset under the policy's name, then under each previous name (oldest first within each).
    /// A batch under a previous name is taken only when it is keyed by this dataset's key column (the name alone is a guess): by
    /// its manifest, or, when the manifest is damaged, by its data object (<see cref="RebuildAsync"/> checks that column).
    /// </summary>
    private async Task<List<IncompleteBatch>> IncompleteAsync(CancellationToken ct)
    {
        var all = new List<IncompleteBatch>(await archive!.ListIncompleteAsync(policy, dataset.Name, ct).ConfigureAwait(false));
        foreach (var name in previousNames.Where(n => n != policy))
        {
            all.AddRange((await archive.ListIncompleteAsync(name, dataset.Name, ct).ConfigureAwait(false)).Where(b => b.Manifest is null || b.Manifest.KeyColumn == KeyColumn));
        }

        return all;
    }

    private string KeyColumn => RetentionKeys.ColumnText(dataset, ObjectKeyColumn);

    private IReadOnlyList<string> KeyColumns => dataset.HasKey ? dataset.KeyColumns : [ObjectKeyColumn];

    /// <summary>
    /// A manifest for a batch whose stored one is damaged (a write cut short on a server that does not write atomically), derived
    /// from its data object: the object must match what its upload recorded (SHA-256, and the hash of its keys) where the store
    /// records it, and its key column gives the keys. The rebuilt manifest replaces the damaged one; finishing the batch then
    /// verifies, deletes those keys (none, when a crash came after the delete) and marks it complete, as for any interrupted batch.
    /// A batch under a previous policy name whose data object has no column named as this dataset's key is another dataset's
    /// (the same name under another policy): it is left alone, audited, and null is returned.
    /// </summary>
    private async Task<ArchiveManifest?> RebuildAsync(IncompleteBatch batch, CancellationToken ct)
    {
        var where = $"archive batch '{batch.Location}'";
        var temp = TempPath(batch.Format);
        try
        {
            var stored = await archive!.DownloadAsync(batch, temp, ct).ConfigureAwait(false)
                ?? throw new RunException($"{where}: its manifest is damaged and its data object is missing; nothing was deleted");
            var sha = await ArchiveManifest.Sha256OfFileAsync(temp, ct).ConfigureAwait(false);
            if (stored.Sha256 is { } recorded && recorded != sha)
            {
                throw new RunException($"{where}: its manifest is damaged and its data object does not match the SHA-256 recorded at upload; nothing was deleted");
            }

            if (batch.Location.Policy != policy && !await ArchiveFiles.HasColumnsAsync(temp, batch.Format, KeyColumns, ct).ConfigureAwait(false))
            {
                await AuditAsync("recover", $"left {batch.Location} alone: its manifest is damaged and its data object has no column '{KeyColumn}', so it is not this dataset's",
                    ("rows", 0), ("batch", 0), ct).ConfigureAwait(false);
                return null;
            }

            IReadOnlyList<string> keys;
            try
            {
                keys = await ArchiveFiles.ReadKeysAsync(temp, batch.Format, KeyColumns, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                throw new RunException($"{where}: its manifest is damaged and its data object cannot be read ({ex.Message}); nothing was deleted", ex);
            }

            if (keys.Count == 0 || (stored.SortedKeysSha256 is { } recordedKeys && recordedKeys != ArchiveManifest.HashSortedKeys(keys)))
            {
                throw new RunException($"{where}: its manifest is damaged and the keys read from its data object do not match those recorded at upload; nothing was deleted");
            }

            var manifest = new ArchiveManifest
            {
                Location = batch.Location, Format = batch.Format, Action = retention.Action, Cutoff = batch.Location.CutoffInstant,
                KeyColumn = KeyColumn, KeyColumns = ArchiveManifest.Composite(KeyColumns), Keys = keys, KeysSha256 = ArchiveManifest.HashKeys(keys), RowCount = keys.Count,
                Sha256 = sha, CreatedAt = DateTimeOffset.UtcNow,
            };
            await archive.ReplaceManifestAsync(manifest, ct).ConfigureAwait(false);
            await AuditAsync("recover", $"rebuilt the damaged manifest of {batch.Location} from its data object", ("rows", keys.Count), ("batch", 0), ct)
                .ConfigureAwait(false);
            return manifest;
        }
        finally
        {
            DeleteTemp(temp);
        }
    }

    /// <summary>
    /// Selects the next batch, exports it, archives it (manifest → store), verifies it and deletes or anonymizes its rows;
    /// false when no expired rows are left.
    /// </summary>
    private async Task<bool> ArchiveNextAsync(RetentionSelection selection, int limit, int batch, CancellationToken ct)
    {
        var format = Format;
        var temp = TempPath(format);
        try
        {
            var keys = await source.SelectExpiredKeysAsync(selection, limit, ct).ConfigureAwait(false);
            if (keys.Count == 0)
            {
                return false;
            }

            RetentionKeys.RequireComplete(dataset, keys);
            var existing = await ExistingAsync(selection.Cutoff, keys, ct).ConfigureAwait(false);
            var stored = existing ?? await StoreAsync(keys, await WritingTempAsync(() => source.ExportAsync(dataset, keys, format, temp, ct)).ConfigureAwait(false),
                format, temp, selection.Cutoff, batch, ct).ConfigureAwait(false);
            await FinishAsync(stored, batch, ct).ConfigureAwait(false);
            return true;
        }
        finally
        {
            DeleteTemp(temp);
        }
    }

    /// <summary>
    /// Archive-then-delete through <see cref="IArchivingDeleteSource"/>, one batch ahead: while batch k is stored, verified and
    /// committed, batch k + 1 is already deleted (uncommitted, in its own transaction) and exported. Each delete still commits
    /// only after its own batch is verified, and a failure rolls the batch ahead back too, so the invariant holds exactly as
    /// with one batch at a time; audit records keep their order (the source writes none).
    /// </summary>
    private async Task RunOneStepAsync(IArchivingDeleteSource source, RetentionSelection selection, int limit, long expected, CancellationToken ct)
    {
        var next = DeleteAheadAsync(source, selection, limit, ct);
        for (var batch = 1; ; batch++)
        {
            var (pending, temp) = await next.ConfigureAwait(false);
            try
            {
                if (pending is null)
                {
                    return;
                }

                await using (pending.ConfigureAwait(false))
                {
                    next = DeleteAheadAsync(source, selection, limit, ct);
                    try
                    {
                        RetentionKeys.RequireComplete(dataset, pending.Keys);
                        var manifest = await ExistingAsync(selection.Cutoff, pending.Keys, ct).ConfigureAwait(false)
                            ?? await StoreAsync(pending.Keys, pending.Keys.Count, Format, temp, selection.Cutoff, batch, ct).ConfigureAwait(false);
                        await FinishAsync(manifest, batch, ct, pending).ConfigureAwait(false);
                    }
                    catch
                    {
                        // This batch is rolled back first: the batch ahead may be waiting for its row locks.
                        await pending.DisposeAsync().ConfigureAwait(false);
                        await DiscardAsync(next).ConfigureAwait(false);
                        throw;
                    }
                }
            }
            finally
            {
                DeleteTemp(temp);
            }

            result.Batches++;
            options.Progress?.Report(new RunProgress("retention", dataset.Name, result.Deleted, expected, batch));
        }
    }

    private async Task<(IPendingDelete? Pending, string Temp)> DeleteAheadAsync(IArchivingDeleteSource source, RetentionSelection selection, int limit,
        CancellationToken ct)
    {
        var temp = TempPath(Format);
        try
        {
            return (await WritingTempAsync(() => source.DeleteNextAsync(selection, limit, Format, temp, ct)).ConfigureAwait(false), temp);
        }
        catch
        {
            DeleteTemp(temp);
            throw;
        }
    }

    /// <summary>Runs a step that writes a temporary file; a write the file system refuses (no space, a quota, a file-size limit) fails the dataset in one line.</summary>
    private async Task<T> WritingTempAsync<T>(Func<Task<T>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception ex) when (RunFolder.RefusedWrite(ex) is { } reason)
        {
            throw new RunException($"dataset '{dataset.Name}': a temporary file could not be written in '{Path.GetDirectoryName(tempFolder)}' ({reason}; " +
                $"{RunFolder.Variable} names another folder); nothing of that batch was deleted", ex);
        }
    }

    /// <summary>Rolls back the batch deleted ahead when the current one failed (its own failure, if any, is moot: the run already failed).</summary>
    private static async Task DiscardAsync(Task<(IPendingDelete? Pending, string Temp)> ahead)
    {
        await Task.WhenAny(ahead).ConfigureAwait(false);
        if (!ahead.IsCompletedSuccessfully)
        {
            _ = ahead.Exception;
            return;
        }

        var (pending, temp) = ahead.Result;
        if (pending is not null)
        {
            await pending.DisposeAsync().ConfigureAwait(false);
        }

        DeleteTemp(temp);
    }

    private string Format => retention.ArchiveFormat == "jsonl" ? "jsonl" : "parquet";

    private string TempPath(string format) => RunFolder.NewFile(tempFolder, "export", format);

    private static void DeleteTemp(string temp)
    {
        if (File.Exists(temp))
        {
            File.Delete(temp);
        }
    }

    /// <summary>Stores the exported file <paramref name="temp"/> with its manifest and audits it.</summary>
    private async Task<ArchiveManifest> StoreAsync(IReadOnlyList<string> keys, long rows, string format, string temp, DateTimeOffset cutoff,
        int batch, CancellationToken ct)
    {
        if (rows != keys.Count)
        {
            throw new RunException($"dataset '{dataset.Name}': batch {batch} selected {Plural.Of(keys.Count, "row")} but their keys match {Values.Count(rows)}; " +
                $"key '{KeyColumn}' is not unique or the table changed during retention, so nothing was archived or deleted");
        }

        var location = ArchiveLocation.For(policy, dataset.Name, cutoff, keys[0], keys[^1]);
        var manifest = new ArchiveManifest
        {
            Location = location, Format = format, Action = retention.Action, Cutoff = cutoff, KeyColumn = KeyColumn, KeyColumns = ArchiveManifest.Composite(KeyColumns),
            Keys = keys, KeysSha256 = ArchiveManifest.HashKeys(keys), RowCount = rows,
            Sha256 = await ArchiveManifest.Sha256OfFileAsync(temp, ct).ConfigureAwait(false),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await archive!.PutAsync(manifest, temp, ct).ConfigureAwait(false);
        // Read back before anything is deleted: a manifest that did not arrive whole must never be all that describes deleted rows.
        var stored = await archive.FindAsync(location, ct).ConfigureAwait(false);
        if (stored is null || stored.KeysSha256 != manifest.KeysSha256 || stored.Sha256 != manifest.Sha256 || stored.RowCount != manifest.RowCount)
        {
            throw new RunException($"the manifest of archive batch '{location}' did not read back as written; nothing was deleted (the next run finishes the batch)");
        }

        await AuditAsync("archive", $"{location}.{manifest.Extension} sha256 {manifest.Sha256}", ("rows", rows), ("batch", batch), ct).ConfigureAwait(false);
        await FaultAsync(FaultPoint.AfterArchive, batch).ConfigureAwait(false);
        return manifest;
    }

    /// <summary>
    /// The stored manifest of this very batch, when a rerun meets it again: its object is already complete, so it is verified
    /// and finished, never written twice. A stored object for other rows (or an already finished one) stops the run.
    /// </summary>
    private async Task<ArchiveManifest?> ExistingAsync(DateTimeOffset cutoff, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var location = ArchiveLocation.For(policy, dataset.Name, cutoff, keys[0], keys[^1]);
        var existing = await archive!.FindAsync(location, ct).ConfigureAwait(false);
        if (existing is not null && (ArchiveManifest.HashSortedKeys(existing.Keys) != ArchiveManifest.HashSortedKeys(keys) || existing.CompletedAt is not null))
        {
            throw new RunException($"archive object '{location}' already exists for different rows; refusing to overwrite or delete");
        }

        return existing;
    }

    /// <summary>Verifies the stored archive, then deletes (or anonymizes) its rows — by committing <paramref name="pending"/> when the delete already ran — and marks the manifest complete.</summary>
    private async Task FinishAsync(ArchiveManifest manifest, int batch, CancellationToken ct, IPendingDelete? pending = null)
    {
        var check = await archive!.VerifyAsync(manifest, ct).ConfigureAwait(false);
        if (!check.Ok)
        {
            throw new RunException($"archive object '{manifest.Location}' failed verification ({check.Problem}); its rows were not deleted");
        }

        await AuditAsync("verify", $"{manifest.Location}.{manifest.Extension} sha256 {check.Sha256}", ("rows", check.RowCount), ("batch", batch), ct).ConfigureAwait(false);
        result.Archived += check.RowCount;
        result.ArchiveObjects.Add($"{manifest.Location}.{manifest.Extension}");
        await FaultAsync(FaultPoint.AfterVerify, batch).ConfigureAwait(false);
        // The manifest's action, not today's policy: a recovered batch finishes what it was archived for.
        // It may find its rows already gone (the crash came after the commit); deleting again removes nothing.
        await RemoveAsync(manifest.Keys, manifest.Action, batch, ct, pending).ConfigureAwait(false);
        await archive.MarkCompleteAsync(manifest with { CompletedAt = DateTimeOffset.UtcNow }, ct).ConfigureAwait(false);
    }

    private async Task<long> RemoveAsync(IReadOnlyList<string> keys, string action, int batch, CancellationToken ct, IPendingDelete? pending = null)
    {
        ValueTask MidDelete() => FaultAsync(FaultPoint.MidDelete, batch);
        long affected;
        if (pending is not null)
        {
            affected = await pending.CommitAsync(MidDelete, ct).ConfigureAwait(false);
            result.Deleted += affected;
        }
        else if (action == "anonymize")
        {
            affected = await source.AnonymizeAsync(dataset, keys, retention.AnonymizeColumns, MidDelete, ct).ConfigureAwait(false);
            result.Anonymized += affected;
        }
        else
        {
            affected = await source.DeleteAsync(dataset, keys, MidDelete, ct).ConfigureAwait(false);
            result.Deleted += affected;
        }

        await AuditAsync(action, $"{Values.Count(affected)} of {Plural.Of(keys.Count, "selected row")}", ("rows", affected), ("batch", batch), ct).ConfigureAwait(false);
        await FaultAsync(FaultPoint.AfterDelete, batch).ConfigureAwait(false);
        return affected;
    }

    private ValueTask FaultAsync(string point, int batch) =>
        options.FaultInjection?.Invoke(new FaultPoint(point, dataset.Name, batch)) ?? ValueTask.CompletedTask;

    private Task AuditAsync(string action, string details, (string, long) a, (string, long) b, CancellationToken ct) =>
        audit(new AuditEntry(action, dataset.Name, details, new Dictionary<string, long> { [a.Item1] = a.Item2, [b.Item1] = b.Item2 }), ct);
}
