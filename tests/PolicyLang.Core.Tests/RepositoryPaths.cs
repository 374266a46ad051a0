using System.Runtime.CompilerServices;

namespace PolicyLang.Core.Tests;

/// <summary>Locates files of the repository from the test sources (baselines are written back there).</summary>
internal static class RepositoryPaths
{
    public static string TestProject { get; } = Path.GetDirectoryName(ThisFile())!;

    public static string Root { get; } = Path.GetFullPath(Path.Combine(TestProject, "..", ".."));

    public static string InRoot(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
