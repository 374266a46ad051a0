using System.Runtime.Loader;
using PolicyLang.Cli.Commands;
using PolicyLang.Compiler;
using PolicyLang.Runtime.Policy;

namespace PolicyLang.Cli;

/// <summary>
/// Gets a runnable policy from a source path (checked, built into a cache keyed by policy text and
/// compiler, reused while unchanged) or from a built enforcement assembly, and loads it.
/// </summary>
internal static class EnforcementHost
{
    public static (IEnforcementPolicy? Policy, string BaseDirectory) Load(string path, string? today)
    {
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(path))
            {
                throw new UsageException($"'{path}' does not exist");
            }

            return (Instantiate(Path.GetFullPath(path)), Environment.CurrentDirectory);
        }

        var compilation = CommonOptions.Compile(path, today);
        var name = PolicyName.Of(path);
        var cacheDirectory = Path.Combine(CacheRoot(), PolicyBuild.CacheKey(compilation, name));
        var dll = Path.Combine(cacheDirectory, $"{name}.Enforcement.dll");
        if (File.Exists(dll))
        {
            PrintWarnings(compilation.Diagnostics);
            Console.Error.WriteLine($"policyc: using cached build {dll}");
            return (Instantiate(dll), PolicySources.BaseDirectory(path));
        }

        var outcome = PolicyBuild.Build(compilation, name, cacheDirectory);
        DiagnosticOutput.Write(outcome.Diagnostics, "text", Console.Error, Console.Error);
        return outcome.Success ? (Instantiate(outcome.AssemblyPath!), PolicySources.BaseDirectory(path)) : (null, string.Empty);
    }

    /// <summary>$POLICYLANG_CACHE, else $XDG_CACHE_HOME/policylang, else ~/.cache/policylang.</summary>
    public static string CacheRoot() =>
        Environment.GetEnvironmentVariable("POLICYLANG_CACHE")
        ?? Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "policylang");

    private static void PrintWarnings(IReadOnlyList<Core.Diagnostics.Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Console.Error.WriteLine(d.ToCanonicalString());
        }
    }

    // The default load context shares PolicyLang.Runtime with policyc, so IEnforcementPolicy is one type.
    private static IEnforcementPolicy Instantiate(string dll)
    {
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll);
        var type = assembly.GetExportedTypes().FirstOrDefault(t => typeof(IEnforcementPolicy).IsAssignableFrom(t) && !t.IsAbstract)
            ?? throw new UsageException($"'{dll}' is not a PolicyLang enforcement assembly (no IEnforcementPolicy type)");
        return (IEnforcementPolicy)Activator.CreateInstance(type)!;
    }
}
