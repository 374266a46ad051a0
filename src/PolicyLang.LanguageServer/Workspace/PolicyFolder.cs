namespace PolicyLang.LanguageServer.Workspace;

/// <summary>
/// The `.gov` files on disk under a policy's root folder, as <c>policyc check &lt;folder&gt;</c> finds them (recursively,
/// bin/ and obj/ excluded). Read once, then kept current by file-watch events and saves.
/// </summary>
internal sealed class PolicyFolder(string root)
{
    private Dictionary<string, string>? files;

    public string Root => root;

    public IReadOnlyDictionary<string, string> Files => files ??= Scan();

    public bool Contains(string path) => IsUnder(root, path) && path.EndsWith(".gov", StringComparison.OrdinalIgnoreCase) && !IsBuildOutput(path);

    /// <summary>Re-reads one file (created or changed on disk) or forgets it (deleted or unreadable).</summary>
    public void Refresh(string path)
    {
        if (files is null || !Contains(path))
        {
            return;
        }

        if (TryRead(path) is { } text)
        {
            files[path] = text;
        }
        else
        {
            files.Remove(path);
        }
    }

    public static bool IsUnder(string folder, string path)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    private Dictionary<string, string> Scan()
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        IEnumerable<string> paths;
        try
        {
            paths = Directory.EnumerateFiles(root, "*.gov", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return found;
        }

        foreach (var path in paths.Where(p => !IsBuildOutput(p)))
        {
            if (TryRead(path) is { } text)
            {
                found[path] = text;
            }
        }

        return found;
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private bool IsBuildOutput(string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)
            || relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal);
    }
}
