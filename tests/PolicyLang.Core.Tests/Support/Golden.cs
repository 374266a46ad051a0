using System.Runtime.CompilerServices;
using Xunit;

namespace PolicyLang.Core.Tests.Support;

/// <summary>
/// Baseline files beside the test sources. <c>POLICYLANG_REBASELINE=1</c> rewrites them;
/// otherwise a difference fails with the first differing line and how to re-baseline.
/// </summary>
internal static class Golden
{
    public static bool Rebaseline => Environment.GetEnvironmentVariable("POLICYLANG_REBASELINE") == "1";

    public static string SamplesDirectory([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(here))!, "Samples");

    public static void Match(string relativePath, string actual)
    {
        var path = Path.Combine(SamplesDirectory(), relativePath);
        if (Rebaseline)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"baseline {path} is missing; run the tests with POLICYLANG_REBASELINE=1 to write it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            return;
        }

        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Max(e.Length, a.Length)).First(i => i >= e.Length || i >= a.Length || e[i] != a[i]);
        Assert.Fail(
            $"{relativePath} differs from its baseline at line {line + 1}:\n" +
            $"  expected: {(line < e.Length ? e[line] : "<end of file>")}\n" +
            $"  actual:   {(line < a.Length ? a[line] : "<end of file>")}\n" +
            $"If the change is intended, re-baseline with POLICYLANG_REBASELINE=1 dotnet test tests/PolicyLang.Core.Tests and review the diff.");
    }
}
