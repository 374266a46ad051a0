namespace PolicyLang.Core.Emit;

/// <summary>
/// Paths as text, computed lexically: Core does no I/O, so it never asks the machine (current directory, file system) what a
/// path means. <c>/</c> and <c>\</c> both separate segments; the result uses <c>/</c>.
/// </summary>
internal static class RelativePaths
{
    /// <summary>Whether <paramref name="path"/> is absolute: <c>/x</c>, <c>\x</c> or <c>C:\x</c> (a drive-relative <c>C:x</c> counts too).</summary>
    public static bool IsRooted(string path) =>
        path.Length > 0 && (path[0] is '/' or '\\' || (path.Length > 1 && char.IsAsciiLetter(path[0]) && path[1] == ':'));

    /// <summary>The folder part of a file's path: <c>stores/db.gov</c> is <c>stores</c>, <c>db.gov</c> is empty.</summary>
    public static string Folder(string filePath)
    {
        var end = filePath.LastIndexOfAny(['/', '\\']);
        return end < 0 ? string.Empty : filePath[..(end == 0 ? 1 : end)];
    }

    /// <summary>
    /// <paramref name="folder"/> as seen from <paramref name="root"/> (<c>.</c> when they are the same folder), or null when one
    /// is absolute and the other is not, or the way out of <paramref name="root"/> climbs above where it starts: no answer
    /// without the machine's help.
    /// </summary>
    public static string? From(string root, string folder)
    {
        if (IsRooted(root) != IsRooted(folder))
        {
            return null;
        }

        var from = Segments(root);
        var to = Segments(folder);
        var common = 0;
        while (common < from.Count && common < to.Count && from[common] == to[common])
        {
            common++;
        }

        // Out of `../x` into `y` needs the name of the folder `..` leaves: only the file system knows it.
        if (from.Skip(common).Contains(".."))
        {
            return null;
        }

        var parts = Enumerable.Repeat("..", from.Count - common).Concat(to.Skip(common)).ToList();
        return parts.Count == 0 ? "." : string.Join('/', parts);
    }

    // `a/./b/../c` is [a, c]; a relative path keeps its leading `..` (`../a` is [.., a]), an absolute one stops at its root.
    private static List<string> Segments(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/', '\\'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment != "..")
            {
                segments.Add(segment);
            }
            else if (segments.Count > 0 && segments[^1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else if (!IsRooted(path))
            {
                segments.Add(segment);
            }
        }

        return segments;
    }
}
