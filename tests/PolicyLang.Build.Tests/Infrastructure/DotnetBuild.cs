using System.Text.RegularExpressions;

namespace PolicyLang.Build.Tests.Infrastructure;

/// <summary>Runs the real <c>dotnet build</c> on a sample project and reads the canonical diagnostic lines it printed.</summary>
internal static partial class DotnetBuild
{
    public static ProcessResult Run(LocalPackages packages, string projectDirectory, params string[] properties) =>
        Invoke(packages, "build", projectDirectory, [.. properties.Select(p => "-p:" + p)]);

    /// <summary><c>dotnet &lt;verb&gt; &lt;project&gt; &lt;arguments&gt;</c> (build, publish, clean) in the project's folder.</summary>
    public static ProcessResult Invoke(LocalPackages packages, string verb, string project, params string[] arguments)
    {
        // -v:n: "Skipping target" messages. -tl:off: plain console lines. -nr:false: no MSBuild node outlives the test
        // (the machine is shared) or keeps an old task assembly loaded.
        string[] command = [verb, project, "-nologo", "-v:n", "-tl:off", "-nr:false", .. arguments];
        var directory = Directory.Exists(project) ? project : Path.GetDirectoryName(project)!;
        return ProcessRunner.Run("dotnet", command, directory, new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages.NuGetCache });
    }

    /// <summary>
    /// Every <c>file(line,col): error|warning GOV####: message</c> line the build printed, with MSBuild's node prefix and
    /// project suffix removed. Read up to "Build succeeded."/"Build FAILED.": `dotnet build` always appends a summary
    /// repeating each error and warning (it ignores -clp:NoSummary), which is not a second report.
    /// </summary>
    public static IReadOnlyList<CanonicalLine> Diagnostics(ProcessResult result) =>
        [.. result.Lines.TakeWhile(l => l.Trim() is not ("Build succeeded." or "Build FAILED.")).Select(l => Canonical().Match(l)).Where(m => m.Success).Select(m => new CanonicalLine(
            m.Groups["file"].Value,
            int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(m.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture),
            m.Groups["severity"].Value,
            m.Groups["code"].Value,
            m.Groups["message"].Value))];

    public static bool Skipped(ProcessResult result, string target) =>
        result.Output.Contains($"Skipping target \"{target}\" because all output files are up-to-date", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*(?:\d+>)?(?<file>/[^(]+)\((?<line>\d+),(?<col>\d+)\): (?<severity>error|warning) (?<code>GOV\d{4}): (?<message>.*?)(?: \[[^\]]+\])?$")]
    private static partial Regex Canonical();
}

public sealed record CanonicalLine(string File, int Line, int Column, string Severity, string Code, string Message);
