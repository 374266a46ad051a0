using System.Runtime.CompilerServices;

namespace PolicyLang.Testing;

/// <summary>
/// Locates files of the repository from the kit's own source path (baselines are written back there), and the tools the
/// test projects built before them.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", ".."));

    public static string InRoot(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A path in the test project <c>tests/&lt;name&gt;</c>.</summary>
    public static string TestProject(string name, params string[] parts) => InRoot(["tests", name, .. parts]);

    /// <summary>The configuration the running tests were built in (Release or Debug); the tools they start were built in it too.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built <c>policyc</c> (a dependency of the test projects that start it, so always current).</summary>
    public static string PolicycDll => InRoot("src", "PolicyLang.Cli", "bin", Configuration, "net10.0", "policyc.dll");

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
