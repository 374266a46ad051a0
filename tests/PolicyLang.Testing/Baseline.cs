using Xunit;

namespace PolicyLang.Testing;

/// <summary>
/// Compares produced text with a checked-in baseline file; with POLICYLANG_REBASELINE=1 (scripts/rebaseline.sh) rewrites it
/// instead. A difference fails with the first differing line. A baseline diff nobody can explain is a bug.
/// </summary>
internal static class Baseline
{
    public static bool Rebaselining => Environment.GetEnvironmentVariable("POLICYLANG_REBASELINE") == "1";

    public static void Match(string path, string actual)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Rebaselining)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"missing baseline {path}; run scripts/rebaseline.sh and review the new file");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == actual)
        {
            return;
        }

        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Max(e.Length, a.Length)).First(i => i >= e.Length || i >= a.Length || e[i] != a[i]);
        Assert.Fail($"{path} differs from its baseline at line {line + 1}:\n  expected: {(line < e.Length ? e[line] : "<end of file>")}\n" +
            $"  actual:   {(line < a.Length ? a[line] : "<end of file>")}\nRun scripts/rebaseline.sh if the change is intended, and review the diff.");
    }
}
