using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>
/// The documents the server knows: open buffers overlaid on the `.gov` files of each policy folder on disk. A file's
/// policy is every `.gov` file under the workspace folder that contains it (the file's own folder when none does), as
/// <c>policyc check &lt;folder&gt;</c> forms it. Thread-safe: the dispatch thread edits, the diagnostics task reads.
/// </summary>
public sealed class PolicyWorkspace(Func<DateOnly> today)
{
    private readonly Lock gate = new();
    private readonly List<string> roots = [];
    private readonly Dictionary<string, (string Uri, int Version, string Text)> open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PolicyFolder> folders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PolicySnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PolicyDocument> documents = new(StringComparer.Ordinal);

    /// <summary>Raised (outside the lock) with the root of every policy an edit changed.</summary>
    public event Action<string>? PolicyChanged;

    public PositionEncoding Encoding { get; set; } = PositionEncoding.Utf16;

    public void AddWorkspaceFolder(string path)
    {
        lock (gate)
        {
            roots.Add(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
            // Longest first: a file belongs to the innermost workspace folder that contains it.
            roots.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    public void Open(string uri, int version, string text) => Edit(DocumentUri.Key(uri), key => open[key] = (uri, version, text));

    public void Change(string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes) =>
        Edit(DocumentUri.Key(uri), key =>
        {
            // A change to a document that is not open has no base text: the client is out of step, and the edit is ignored.
            if (open.TryGetValue(key, out var document))
            {
                open[key] = (document.Uri, version, TextEdits.Apply(document.Text, changes, Encoding));
            }
        });

    /// <summary>The buffer is closed: the file's text on disk counts again (or the file leaves the policy if it has none).</summary>
    public void Close(string uri) => Edit(DocumentUri.Key(uri), key =>
    {
        open.Remove(key);
        RefreshDisk(key);
    });

    /// <summary>A file changed on disk (saved, created, deleted, changed by another program).</summary>
    public void DiskChanged(string uri) => Edit(DocumentUri.Key(uri), RefreshDisk);

    /// <summary>A document and the snapshot of its policy; null for a buffer that is neither open nor in a policy folder.</summary>
    public DocumentInPolicy? Document(string uri)
    {
        var key = DocumentUri.Key(uri);
        lock (gate)
        {
            var snapshot = Snapshot(RootOf(key));
            return snapshot.Find(uri) is { } document ? new DocumentInPolicy(snapshot, document) : null;
        }
    }

    public PolicySnapshot Snapshot(string root)
    {
        lock (gate)
        {
            if (!snapshots.TryGetValue(root, out var snapshot))
            {
                snapshot = new PolicySnapshot(root, Documents(root), Encoding, today());
                snapshots[root] = snapshot;
            }

            return snapshot;
        }
    }

    /// <summary>Every policy the workspace holds: one per workspace folder and one per open file outside them.</summary>
    public IReadOnlyList<PolicySnapshot> AllSnapshots()
    {
        lock (gate)
        {
            return [.. roots.Concat(open.Keys.Select(RootOf)).Distinct(StringComparer.Ordinal).Select(Snapshot)];
        }
    }

    private void Edit(string key, Action<string> edit)
    {
        List<string> changed;
        lock (gate)
        {
            edit(key);
            changed = [.. snapshots.Keys.Where(root => Affects(root, key)).Append(RootOf(key)).Distinct(StringComparer.Ordinal)];
            foreach (var root in changed)
            {
                snapshots.Remove(root);
            }
        }

        foreach (var root in changed)
        {
            PolicyChanged?.Invoke(root);
        }
    }

    private void RefreshDisk(string key)
    {
        foreach (var folder in folders.Values)
        {
            folder.Refresh(key);
        }
    }

    private static bool Affects(string root, string key) =>
        root == key || (DocumentUri.IsFilePath(key) && DocumentUri.IsFilePath(root) && PolicyFolder.IsUnder(root, key));

    private string RootOf(string key)
    {
        if (!DocumentUri.IsFilePath(key))
        {
            return key;
        }

        return roots.FirstOrDefault(root => PolicyFolder.IsUnder(root, key)) ?? Path.GetDirectoryName(key)!;
    }

    private List<PolicyDocument> Documents(string root)
    {
        if (!DocumentUri.IsFilePath(root))
        {
            return open.TryGetValue(root, out var buffer) ? [Document(root, root, buffer.Uri, buffer.Text, buffer.Version)] : [];
        }

        if (!folders.TryGetValue(root, out var folder))
        {
            folder = new PolicyFolder(root);
            folders[root] = folder;
        }

        var result = new List<PolicyDocument>();
        var keys = folder.Files.Keys.Concat(open.Keys.Where(folder.Contains)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            result.Add(open.TryGetValue(key, out var buffer)
                ? Document(root, key, buffer.Uri, buffer.Text, buffer.Version)
                : Document(root, key, DocumentUri.FromPath(key), folder.Files[key], null));
        }

        return result;
    }

    // Unchanged files keep their SourceFile and line map from one snapshot to the next.
    private PolicyDocument Document(string root, string key, string uri, string text, int? version)
    {
        var cacheKey = root + "\0" + key;
        if (documents.TryGetValue(cacheKey, out var cached) && ReferenceEquals(cached.File.Text, text) && cached.Version == version && cached.Uri == uri)
        {
            return cached;
        }

        var path = DocumentUri.IsFilePath(key) ? Path.GetRelativePath(root, key).Replace('\\', '/') : key;
        var document = new PolicyDocument(key, uri, new SourceFile(path, text), version);
        documents[cacheKey] = document;
        return document;
    }
}

/// <summary>A document of a policy snapshot: what a request about one document works on.</summary>
public sealed record DocumentInPolicy(PolicySnapshot Snapshot, PolicyDocument Document)
{
    public PolicyFileSyntax Syntax => Snapshot.SyntaxOf(Document);

    public int ToOffset(Position position) => Snapshot.ToOffset(Document, position);

    public Range ToRange(TextSpan span) => Snapshot.ToRange(Document.File, span);
}
