namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>A throw-away policy folder: a copy of an example, or files written by the test.</summary>
internal sealed class TempPolicy : IDisposable
{
    private TempPolicy(string path) => Path = path;

    public string Path { get; }

    public static TempPolicy Empty() =>
        new(Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "policylang-lsp-" + Guid.NewGuid().ToString("N")[..12])).FullName);

    /// <summary>A copy of the `.gov` files of <c>examples/&lt;name&gt;</c>.</summary>
    public static TempPolicy CopyOfExample(string name)
    {
        var policy = Empty();
        var source = RepositoryPaths.InRoot("examples", name);
        foreach (var file in Directory.EnumerateFiles(source, "*.gov", SearchOption.AllDirectories))
        {
            policy.Write(System.IO.Path.GetRelativePath(source, file), System.IO.File.ReadAllText(file));
        }

        return policy;
    }

    public string Write(string relative, string text)
    {
        var full = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, text);
        return full;
    }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public string Uri(string relative) => new Uri(File(relative)).AbsoluteUri;

    public string Read(string relative) => System.IO.File.ReadAllText(File(relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
