using System.Runtime.CompilerServices;

namespace PolicyLang.Compiler.Tests;

/// <summary>The Core test project's samples: every stage is baselined beside the same main.gov.</summary>
internal static class SamplePaths
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", ".."));

    public static string Samples => Path.Combine(Root, "tests", "PolicyLang.Core.Tests", "Samples");

    public static bool Rebaseline => Environment.GetEnvironmentVariable("POLICYLANG_REBASELINE") == "1";

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
