namespace PolicyLang.Benchmarks.LanguageServer;

/// <summary>A throw-away policy folder holding one file, and where the built server is.</summary>
internal sealed class BenchFolder : IDisposable
{
    private BenchFolder(string path, string file)
    {
        Path = path;
        Uri = new Uri(file).AbsoluteUri;
    }

    public string Path { get; }

    public string Uri { get; }

    public static BenchFolder With(string fileName, string text)
    {
        var path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "policylang-lsp-bench-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        var file = System.IO.Path.Combine(path, fileName);
        File.WriteAllText(file, text);
        return new BenchFolder(path, file);
    }

    /// <summary>The repository this harness was built in (the folder holding PolicyLang.sln).</summary>
    public static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "PolicyLang.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("run the harness from the repository (PolicyLang.sln not found above " + AppContext.BaseDirectory + ")");
    }

    /// <summary>The <c>policyc.dll</c> built with this harness (same configuration: Release under <c>dotnet run -c Release</c>).</summary>
    public static string PolicycDll()
    {
        var configuration = new DirectoryInfo(System.IO.Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = System.IO.Path.Combine(Repository(), "src", "PolicyLang.Cli", "bin", configuration, "net10.0", "policyc.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException("policyc is not built: " + dll);
    }

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
