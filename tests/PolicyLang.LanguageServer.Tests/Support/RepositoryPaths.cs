using System.Runtime.CompilerServices;

namespace PolicyLang.LanguageServer.Tests.Support;

internal static class RepositoryPaths
{
    public static string TestProject { get; } = Path.GetDirectoryName(Path.GetDirectoryName(ThisFile()))!;

    public static string Root { get; } = Path.GetFullPath(Path.Combine(TestProject, "..", ".."));

    public static string InRoot(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built <c>policyc</c> (a dependency of this project, so always current).</summary>
    public static string PolicycDll => InRoot("src", "PolicyLang.Cli", "bin", Configuration, "net10.0", "policyc.dll");

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
