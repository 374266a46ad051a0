using PolicyLang.Core.Text;

namespace PolicyLang.Cli;

/// <summary>Reads the `.gov` files of a policy: one file, or every `.gov` file under a folder (all form one policy).</summary>
internal static class PolicySources
{
    /// <summary>The files, with paths as the user would click them (relative to the working directory when inside it).</summary>
    public static IReadOnlyList<SourceFile> Load(string path)
    {
        var full = Path.GetFullPath(path);
        string[] files;
        if (Directory.Exists(full))
        {
            files = Find(path, full);
            if (files.Length == 0)
            {
                throw new UsageException($"no .gov files found under '{path}'");
            }
        }
        else if (File.Exists(full))
        {
            files = full.EndsWith(".gov", StringComparison.OrdinalIgnoreCase)
                ? [full]
                : throw new UsageException($"'{path}' is not a .gov file: give a .gov file or a folder of them");
        }
        else
        {
            throw new UsageException($"'{path}' does not exist");
        }

        return files.Select(f => new SourceFile(DisplayPath(f), Read(f))).ToArray();
    }

    // An unreadable subfolder fails the policy: skipping it would silently drop part of the policy.
    internal static string[] Find(string path, string full)
    {
        try
        {
            return Directory.EnumerateFiles(full, "*.gov", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(full, f))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot list the .gov files under '{path}': {e.Message}");
        }
    }

    private static string Read(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{DisplayPath(file)}': {e.Message}");
        }
    }

    /// <summary>The folder a policy's relative `file`/`path` settings are resolved against.</summary>
    public static string BaseDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        return Directory.Exists(full) ? full : Path.GetDirectoryName(full)!;
    }

    private static bool IsBuildOutput(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        return relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)
            || relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal);
    }

    internal static string DisplayPath(string full)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) ? full : relative;
    }
}

/// <summary>A problem with how policyc was called or with its input files: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
