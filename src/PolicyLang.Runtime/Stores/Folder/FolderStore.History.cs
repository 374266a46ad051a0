using System.Text;
using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores.Folder;

// The run history as a JSON Lines file inside the folder (docs/history.md): one record per line, each run's lines written in one
// append and flushed to disk. A crash mid-append leaves at most a partial last line (skipped when read, and ended before the next
// append) and a run without its `run` line (left out when read): earlier runs are never touched.
public sealed partial class FolderStore : IHistoryStore
{
    /// <inheritdoc />
    public Task PrepareHistoryAsync(HistoryModel history, CancellationToken ct)
    {
        var file = HistoryFile(history);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // Opening for append proves the file can be written now, not after an hour of retention.
        using (new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task AppendHistoryAsync(HistoryModel history, IReadOnlyList<HistoryRecord> records, CancellationToken ct)
    {
        var file = HistoryFile(history);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var now = DateTimeOffset.UtcNow;
        var text = new StringBuilder();
        foreach (var record in records)
        {
            text.Append(HistoryJson.Serialize(record, now)).Append('\n');
        }

        await using var stream = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        if (stream.Length > 0)
        {
            // A line cut short by an earlier crash is ended, so this run's first record starts on a line of its own.
            stream.Seek(-1, SeekOrigin.End);
            if (stream.ReadByte() != '\n')
            {
                text.Insert(0, '\n');
            }
        }

        stream.Seek(0, SeekOrigin.End);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), ct).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(HistoryModel history, HistoryQuery query, CancellationToken ct)
    {
        var file = HistoryFile(history);
        if (!File.Exists(file))
        {
            return [];
        }

        var records = new List<HistoryRecord>();
        using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8);
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0 && HistoryJson.Parse(line) is { } record && query.Matches(record))
            {
                records.Add(record);
            }
        }

        return records;
    }

    private string HistoryFile(HistoryModel history)
    {
        var file = Path.GetFullPath(Path.Combine(Root, history.Location));
        // INVARIANT: the history stays inside the folder (the compiler refuses `..` and absolute paths; a hand-built model is checked here).
        if (!file.StartsWith(Path.GetFullPath(Root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new RunException($"store '{Model.Name}': the history path '{history.Location}' is outside the folder");
        }

        return file;
    }
}
