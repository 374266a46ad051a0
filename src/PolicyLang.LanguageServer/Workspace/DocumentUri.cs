namespace PolicyLang.LanguageServer.Workspace;

/// <summary>
/// A document's identity: the full local path for <c>file:</c> URIs (clients spell the same file differently:
/// <c>%3A</c>, drive-letter case), the URI itself otherwise (<c>untitled:</c> buffers).
/// </summary>
public static class DocumentUri
{
    public static string Key(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? Path.GetFullPath(parsed.LocalPath) : uri;

    public static bool IsFilePath(string key) => Path.IsPathFullyQualified(key);

    public static string FromPath(string path) => new Uri(path).AbsoluteUri;
}
