using Xunit;

namespace PolicyLang.Core.Tests.Baselines;

/// <summary>Compares produced text with a checked-in file, or rewrites it when rebaselining.</summary>
internal static class Baseline
{
    public static void Match(string path, string actual)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (RepositoryPaths.Rebaseline)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"missing baseline {path}; run scripts/rebaseline.sh and review the new file");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            var line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
            Assert.Fail($"{path} differs at line {line + 1}:\n  expected: {(line < e.Length ? e[line] : "<end>")}\n  actual:   {(line < a.Length ? a[line] : "<end>")}\nRun scripts/rebaseline.sh if the change is intended, and review the diff.");
        }
    }
}
