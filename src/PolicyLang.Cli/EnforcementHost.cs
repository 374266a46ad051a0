using System.Runtime.Loader;
using PolicyLang.Cli.Commands;
using PolicyLang.Compiler;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Runtime.Policy;

namespace PolicyLang.Cli;

/// <summary>
/// Gets a runnable policy from a source path (checked, built into a cache keyed by policy text and
/// compiler, reused while unchanged) or from a built enforcement assembly, and loads it.
/// </summary>
internal static class EnforcementHost
{
    /// <summary>The loaded policy and the folder its relative store paths resolve against; a policy with errors is a <see cref="UsageException"/> after its diagnostics.</summary>
    public static (IEnforcementPolicy Policy, string BaseDirectory) Load(string path, string? today)
    {
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(path))
            {
                throw new UsageException($"'{path}' does not exist");
            }

            return (Instantiate(Path.GetFullPath(path)), Environment.CurrentDirectory);
        }

        return LoadSource(path, today);
    }

    /// <summary>A policy from source, built or taken from the cache: in its own method, so running a built assembly never loads the compiler.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (IEnforcementPolicy Policy, string BaseDirectory) LoadSource(string path, string? today)
    {
        var compilation = CommonOptions.Compile(path, today);
        var root = PolicySources.BaseDirectory(path);
        var previous = PolicyName.Previous(path, compilation);
        var cacheDirectory = Path.Combine(CacheRoot(), PolicyBuild.CacheKey(compilation, root, previous));
        var dll = Path.Combine(cacheDirectory, $"{compilation.Bound.Identity}.Enforcement.dll");
        if (File.Exists(dll))
        {
            PrintWarnings(compilation.Diagnostics);
            Console.Error.WriteLine($"policyc: using cached build {dll}");
            return (Instantiate(dll), root);
        }

        if (!compilation.HasErrors)
        {
            Console.Error.WriteLine($"policyc: building the enforcement assembly into {cacheDirectory} (reused until the policy changes)");
        }

        var outcome = PolicyBuild.Build(compilation, cacheDirectory, sourceRoot: root, previousNames: previous);
        DiagnosticOutput.Write(outcome.Diagnostics, "text", Console.Error, Console.Error);
        if (!outcome.Success)
        {
            var errors = outcome.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            throw new UsageException($"the policy has {(errors == 1 ? "an error" : $"{errors} errors")} (listed above): nothing was run");
        }

        return (Instantiate(outcome.AssemblyPath!), root);
    }

    /// <summary>$POLICYLANG_CACHE, else $XDG_CACHE_HOME/policylang, else ~/.cache/policylang.</summary>
    public static string CacheRoot() =>
        Environment.GetEnvironmentVariable("POLICYLANG_CACHE")
        ?? Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "policylang");

    private static void PrintWarnings(IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Console.Error.WriteLine(d.ToCanonicalString());
        }
    }

    // The default load context shares PolicyLang.Runtime with policyc, so IEnforcementPolicy is one type.
    private static IEnforcementPolicy Instantiate(string dll)
    {
        var notEnforcement = $"'{dll}' is not a PolicyLang enforcement assembly";
        Type[] types;
        try
        {
            types = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll).GetExportedTypes();
        }
        catch (BadImageFormatException)
        {
            throw new UsageException($"{notEnforcement} (not a .NET assembly)");
        }
        catch (FileLoadException e)
        {
            throw new UsageException($"{notEnforcement} or cannot be loaded: {e.Message}");
        }

        var type = types.FirstOrDefault(t => typeof(IEnforcementPolicy).IsAssignableFrom(t) && !t.IsAbstract)
            ?? throw new UsageException($"{notEnforcement} (no IEnforcementPolicy type)");
        return (IEnforcementPolicy)Activator.CreateInstance(type)!;
    }
}
