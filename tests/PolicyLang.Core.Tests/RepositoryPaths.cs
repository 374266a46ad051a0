using System.Runtime.CompilerServices;

namespace PolicyLang.Core.Tests;

/// <summary>Locates files of the repository from the test sources (baselines are written back there).</summary>
internal static class RepositoryPaths
{
    public static string TestProject { get; } = Path.GetDirectoryName(ThisFile())!;

    public static string Root { get; } = Path.GetFullPath(Path.Combine(TestProject, "..", ".."));

    public static string Samples => Path.Combine(TestProject, "Samples");

    public static string InRoot(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Set POLICYLANG_REBASELINE=1 to rewrite baselines instead of comparing (scripts/rebaseline.sh).</summary>
    public static bool Rebaseline => Environment.GetEnvironmentVariable("POLICYLANG_REBASELINE") == "1";

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
