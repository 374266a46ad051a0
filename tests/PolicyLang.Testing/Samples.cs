namespace PolicyLang.Testing;

/// <summary>
/// The one samples root, <c>tests/samples/</c>: a folder per policy with every stage's baselines beside it (syntax dump,
/// diagnostics, formatted text, generated C#, compliance documents). A folder named like an example
/// (<c>examples/&lt;name&gt;/</c>) holds only baselines and reads the example's <c>.gov</c> file in place, so a baseline
/// always speaks of the shipped example, never of a copy; every other folder holds its own policy (<c>main.gov</c>, or
/// several files). Baselines are written back here (<see cref="Baseline"/>), so paths are the repository's, not the build output's.
/// </summary>
internal static class Samples
{
    public static string Root => RepositoryPaths.InRoot("tests", "samples");

    /// <summary>The folder of sample <paramref name="name"/>, where its baselines are.</summary>
    public static string Folder(string name) => Path.Combine(Root, name);

    /// <summary>The baseline <paramref name="file"/> of sample <paramref name="name"/>.</summary>
    public static string BaselinePath(string name, string file) => Path.Combine(Root, name, file);

    /// <summary>Every sample name, in ordinal order.</summary>
    public static IReadOnlyList<string> Names => Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    /// <summary>The samples made of one policy file (a <c>main.gov</c> or an example): every stage is baselined for them.</summary>
    public static IReadOnlyList<string> SingleFile => Names.Where(n => MainPathOrNull(n) is not null).ToList();

    /// <summary>The samples with compliance-document baselines (<c>compliance.md</c>, <c>compliance.json</c>, <c>diagnostics.txt</c>).</summary>
    public static IReadOnlyList<string> WithDocuments => Names.Where(n => File.Exists(BaselinePath(n, "compliance.md"))).ToList();

    /// <summary>The example <paramref name="name"/> reads, or null when it holds its own policy.</summary>
    public static string? Example(string name) =>
        Directory.Exists(RepositoryPaths.InRoot("examples", name))
            ? Directory.GetFiles(RepositoryPaths.InRoot("examples", name), "*.gov").Single()
            : null;

    /// <summary>The policy file of a single-file sample: the example's, or its <c>main.gov</c>.</summary>
    public static string MainPath(string name) =>
        MainPathOrNull(name) ?? throw new InvalidOperationException($"sample {name} has neither an example nor a main.gov");

    /// <summary>The text of a single-file sample's policy, with LF line ends.</summary>
    public static string ReadMain(string name) => Read(MainPath(name));

    /// <summary>
    /// Every policy file of sample <paramref name="name"/> as (path relative to its folder, text): the example's file, or
    /// every <c>.gov</c> file of the folder and its subfolders except the formatter's baselines (<c>*.formatted.gov</c>).
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> Sources(string name)
    {
        if (Example(name) is { } example)
        {
            return [(Path.GetFileName(example), Read(example))];
        }

        var folder = Folder(name);
        return Directory.EnumerateFiles(folder, "*.gov", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".formatted.gov", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(folder, f).Replace('\\', '/'), Read(f)))
            .ToList();
    }

    private static string? MainPathOrNull(string name) =>
        Example(name) ?? (File.Exists(Path.Combine(Folder(name), "main.gov")) ? Path.Combine(Folder(name), "main.gov") : null);

    private static string Read(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
}
