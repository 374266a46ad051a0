namespace PolicyLang.Runtime.Stores.Folder;

/// <summary>
/// The files of a folder store under a prefix, as backup copies: <c>backups/db/</c> is every file in that folder and below it;
/// <c>backups/db-</c> every file of <c>backups</c> (and below) whose relative path starts with <c>db-</c>. Keys use <c>/</c>.
/// </summary>
internal static class FolderBackupCopies
{
    public static IReadOnlyList<StoredCopy> List(string root, string prefix)
    {
        var normalized = prefix.Replace('\\', '/').TrimStart('/');
        var slash = normalized.LastIndexOf('/');
        var folder = Path.Combine(root, slash < 0 ? string.Empty : normalized[..slash]);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return
        [
            .. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => (Key: Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), Path: f))
                .Where(f => f.Key.StartsWith(normalized, StringComparison.Ordinal))
                .Select(f => new StoredCopy(f.Key, new DateTimeOffset(File.GetLastWriteTimeUtc(f.Path), TimeSpan.Zero))),
        ];
    }
}
