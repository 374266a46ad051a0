using PolicyLang.Core.Binding;
using PolicyLang.Core.Compilation;

namespace PolicyLang.Cli;

/// <summary>
/// Names around the policy's identity (which comes from the policy itself: <see cref="PolicyIdentity"/>): the names earlier
/// policyc versions derived from the path, so their interrupted batches are still finished, and the name a report carries
/// when the policy cannot even be read.
/// </summary>
internal static class PolicyName
{
    /// <summary>
    /// What policyc before the identity came from the policy called it: <c>policyc run &lt;folder&gt;</c> the folder's name,
    /// <c>policyc run &lt;file&gt;.gov</c> the file's stem. Either may have been used for the same policy, so both are given:
    /// the policy's folder and each of its files (a folder of one file; the file itself).
    /// </summary>
    public static IReadOnlyList<string> Previous(string path, PolicyCompilation compilation)
    {
        var folder = PolicySources.BaseDirectory(path);
        var files = compilation.Syntax.Select(s => s.Syntax.File.Path).ToList();
        var stems = files.Count == 1 ? files.Select(Path.GetFileNameWithoutExtension) : [];
        return stems.Prepend(Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar)))
            .Select(n => Legacy(n ?? string.Empty))
            .Where(n => n != compilation.Bound.Identity)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The policy's identity when its sources can be read, else what the path suggests (a report must name something).</summary>
    public static string ForReport(string path)
    {
        if (path.EndsWith(".Enforcement.dll", StringComparison.OrdinalIgnoreCase))
        {
            return Path.GetFileName(path)[..^".Enforcement.dll".Length];
        }

        try
        {
            return PolicyCompilation.Create(PolicySources.Load(path), DateOnly.FromDateTime(DateTime.UtcNow)).Bound.Identity;
        }
        catch (Exception e) when (e is UsageException or IOException or UnauthorizedAccessException)
        {
            return Legacy(Path.GetFileNameWithoutExtension(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar)));
        }
    }

    // The sanitizing earlier versions applied: anything but ASCII letters, digits, '-' and '_' became '-', then '-' trimmed.
    private static string Legacy(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-');
        return safe.Length == 0 ? "policy" : safe;
    }
}
