using PolicyLang.Build.Tests.Infrastructure;

namespace PolicyLang.Build.Tests.Generator;

/// <summary>Compares text with a baseline file under this test project; POLICYLANG_REBASELINE=1 (scripts/rebaseline.sh) rewrites it.</summary>
internal static class Baseline
{
    public static void Check(string relativePath, string actual)
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "PolicyLang.Build.Tests", relativePath);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("POLICYLANG_REBASELINE") == "1" || !File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            Assert.True(Environment.GetEnvironmentVariable("POLICYLANG_REBASELINE") == "1", $"baseline {relativePath} was missing and has been written; review and commit it");
            return;
        }

        Assert.Equal(File.ReadAllText(path), actual);
    }
}
