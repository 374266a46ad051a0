using System.Runtime.CompilerServices;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Baselines;

/// <summary>
/// Compares rendered text with a checked-in file next to this source file; with POLICYLANG_REBASELINE=1 rewrites it instead.
/// A baseline diff nobody can explain is a bug.
/// </summary>
internal static class Baseline
{
    public static bool Rebaselining => Environment.GetEnvironmentVariable("POLICYLANG_REBASELINE") == "1";

    public static void Match(string name, string actual, [CallerFilePath] string here = "")
    {
        var file = Path.Combine(Path.GetDirectoryName(here)!, name);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
        if (Rebaselining)
        {
            File.WriteAllText(file, actual);
            return;
        }
        Assert.True(File.Exists(file), $"baseline {name} is missing; run scripts/rebaseline.sh (POLICYLANG_REBASELINE=1) and review it");
        Assert.Equal(File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal), actual);
    }
}
