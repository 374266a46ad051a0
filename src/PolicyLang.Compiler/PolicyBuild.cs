using System.Security.Cryptography;
using System.Text;
using PolicyLang.Core.Binding;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Emit;
using CoreDiagnostic = PolicyLang.Core.Diagnostics.Diagnostic;

namespace PolicyLang.Compiler;

/// <summary>
/// Policy → enforcement assembly on disk: emit, compile, write <c>&lt;identity&gt;.Enforcement.dll</c>,
/// <c>.pdb</c> and the generated <c>.g.cs</c> (for reading, not for building). Shared by `policyc`
/// and the MSBuild task.
/// </summary>
public static class PolicyBuild
{
    /// <summary>Writes <c>&lt;identity&gt;.Enforcement.dll</c>, named by the policy itself (<see cref="PolicyIdentity"/>), never by the host.</summary>
    /// <param name="compilation">A checked policy; nothing is written when it has errors.</param>
    /// <param name="outputDirectory">Where the assembly, pdb and generated C# are written.</param>
    /// <param name="runtimeDirectory">Where PolicyLang.Runtime*.dll live; the compiler's own folder by default. The MSBuild task passes its
    /// own folder, since inside MSBuild <see cref="AppContext.BaseDirectory"/> is MSBuild's.</param>
    /// <param name="sourceRoot">The folder runs resolve relative store paths against (see <see cref="EmitOptions.SourceRoot"/>).</param>
    /// <param name="previousNames">Names earlier versions of the host derived for this policy (see <see cref="EmitOptions.PreviousNames"/>).</param>
    public static BuildOutcome Build(PolicyCompilation compilation, string outputDirectory, string? runtimeDirectory = null,
        string? sourceRoot = null, IReadOnlyList<string>? previousNames = null)
    {
        if (compilation.HasErrors)
        {
            return new BuildOutcome(null, compilation.Diagnostics);
        }

        var policyName = compilation.Bound.Identity;
        var emitted = Generate(compilation, policyName, sourceRoot, previousNames);
        var compiled = EnforcementCompiler.Compile(emitted, runtimeDirectory);
        var diagnostics = compilation.Diagnostics.Concat(compiled.Diagnostics).ToArray();
        if (!compiled.Success)
        {
            return new BuildOutcome(null, diagnostics);
        }

        Directory.CreateDirectory(outputDirectory);
        var dll = Path.Combine(outputDirectory, $"{policyName}.Enforcement.dll");
        WriteAtomically(dll, compiled.Assembly!);
        WriteAtomically(Path.ChangeExtension(dll, ".pdb"), compiled.Pdb!);
        WriteAtomically(Path.Combine(outputDirectory, emitted.FileName), Encoding.UTF8.GetBytes(emitted.Source));
        return new BuildOutcome(dll, diagnostics);
    }

    /// <summary>The generated C# for a checked policy.</summary>
    /// <param name="compilation">A checked policy.</param>
    /// <param name="policyName">The name in the model and the file name; hosts pass <c>compilation.Bound.Identity</c> (tests may pin another).</param>
    /// <param name="sourceRoot">See <see cref="EmitOptions.SourceRoot"/>.</param>
    /// <param name="previousNames">See <see cref="EmitOptions.PreviousNames"/>.</param>
    public static EmitResult Generate(PolicyCompilation compilation, string policyName, string? sourceRoot = null, IReadOnlyList<string>? previousNames = null) =>
        EnforcementEmitter.Emit(
            compilation.Bound,
            new EmitOptions(policyName, CSharpLiteral.Pascal(policyName) + "Policy", SourceRoot: sourceRoot) { PreviousNames = previousNames ?? [] },
            ControlEmitInfos.From(compilation.Coverage));

    /// <summary>
    /// A key that changes whenever the policy text, its file names, or the compiler and runtime
    /// assemblies change: a scheduled `policyc run` reuses a cached build while it is unchanged.
    /// </summary>
    public static string CacheKey(PolicyCompilation compilation, string? sourceRoot = null, IReadOnlyList<string>? previousNames = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\0"));
        Add(compilation.Bound.Identity);
        Add(sourceRoot ?? "");
        Add(string.Join("/", previousNames ?? []));
        foreach (var file in compilation.Syntax.Select(s => s.Syntax.File).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            Add(file.Path);
            Add(file.Text);
        }

        foreach (var assembly in new[] { typeof(PolicyBuild).Assembly, typeof(PolicyCompilation).Assembly })
        {
            Add(assembly.ManifestModule.ModuleVersionId.ToString());
        }

        foreach (var runtime in Directory.EnumerateFiles(AppContext.BaseDirectory, "PolicyLang.Runtime*.dll").Order(StringComparer.Ordinal))
        {
            Add(Path.GetFileName(runtime));
            Add(File.GetLastWriteTimeUtc(runtime).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..32].ToLowerInvariant();
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>The written assembly (null when the build failed) and every diagnostic.</summary>
public sealed record BuildOutcome(string? AssemblyPath, IReadOnlyList<CoreDiagnostic> Diagnostics)
{
    public bool Success => AssemblyPath is not null;
}
