namespace PolicyLang.Cli;

/// <summary>A policy's identifier-safe name: the folder's name for a folder, the file's stem for a file.</summary>
internal static class PolicyName
{
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        var name = Directory.Exists(full) ? Path.GetFileName(full) : Path.GetFileNameWithoutExtension(full);
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-');
        return safe.Length == 0 ? "policy" : safe;
    }
}
