namespace PolicyLang.Cli;

/// <summary>Where verbs write files: parent folders are created, and a path that cannot be written is one clear usage error.</summary>
internal static class OutputPaths
{
    public static string Folder(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot create output folder '{path}': {e.Message}");
        }
    }

    public static void WriteFile(string path, string text)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write '{path}': {e.Message}");
        }
    }
}
