using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using PolicyLang.Core.Emit;
using CoreDiagnostic = PolicyLang.Core.Diagnostics.Diagnostic;
using DebugInformationFormat = Microsoft.CodeAnalysis.Emit.DebugInformationFormat;
using EmitDiagnostics = PolicyLang.Core.Diagnostics.EmitDiagnostics;
using EmitResult = PolicyLang.Core.Emit.EmitResult;
using RoslynEmitOptions = Microsoft.CodeAnalysis.Emit.EmitOptions;

namespace PolicyLang.Compiler;

/// <summary>
/// Compiles generated C# into <c>&lt;policy&gt;.Enforcement.dll</c> (+ pdb) in memory; files are
/// written only on success. Roslyn errors inside a csharp rule come back as GOV0501 at the rule's
/// expression in the .gov file.
/// </summary>
public static class EnforcementCompiler
{
    /// <param name="emitted">The generated source and the runtime assemblies it needs.</param>
    /// <param name="runtimeDirectory">Where PolicyLang.Runtime*.dll live (the compiler's own folder by default).</param>
    public static CompileResult Compile(EmitResult emitted, string? runtimeDirectory = null)
    {
        runtimeDirectory ??= AppContext.BaseDirectory;
        bool Installed(string assembly) => File.Exists(Path.Combine(runtimeDirectory, assembly + ".dll"));
        var diagnostics = new List<CoreDiagnostic>(RuntimeStores.Missing(emitted.Stores, Installed));
        var references = new List<MetadataReference>(Basic.Reference.Assemblies.Net100.References.All);
        references.AddRange(emitted.RuntimeAssemblies.Where(Installed)
            .Select(assembly => MetadataReference.CreateFromFile(Path.Combine(runtimeDirectory, assembly + ".dll"))));
        if (diagnostics.Count > 0)
        {
            return new CompileResult(null, null, diagnostics, []);
        }

        var tree = CSharpSyntaxTree.ParseText(
            SourceText.From(emitted.Source, Encoding.UTF8),
            new CSharpParseOptions(LanguageVersion.Latest),
            path: emitted.FileName);
        var assemblyName = Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(emitted.FileName));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [tree],
            references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true)
                // CS1701/CS1702: the net8.0 runtime assemblies bind to net10.0's System.Runtime; the SDK suppresses these by default too.
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));
        using var dll = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = compilation.Emit(dll, pdb, options: new RoslynEmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        var roslyn = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed).ToArray();
        diagnostics.AddRange(roslyn.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => Map(emitted, d)));
        if (!result.Success || diagnostics.Count > 0)
        {
            return new CompileResult(null, null, diagnostics, roslyn.Select(d => d.ToString()).ToArray());
        }

        return new CompileResult(dll.ToArray(), pdb.ToArray(), diagnostics, roslyn.Select(d => d.ToString()).ToArray());
    }

    private static CoreDiagnostic Map(EmitResult emitted, Diagnostic error)
    {
        var mapped = error.Location.GetMappedLineSpan();
        var rule = emitted.Expressions.FirstOrDefault(e =>
            mapped.HasMappedPath && e.Location.File.Path == mapped.Path && e.Location.Line == mapped.StartLinePosition.Line + 1);
        if (rule is not null)
        {
            return new CoreDiagnostic(
                EmitDiagnostics.CSharpRuleError,
                $"C# error in rule `{rule.Rule}` of dataset `{rule.Dataset}`: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} ({error.Id})",
                rule.Location.File,
                rule.Location.Span);
        }

        var anchor = emitted.Expressions.FirstOrDefault()?.Location;
        var file = anchor?.File ?? new Core.Text.SourceFile(emitted.FileName, emitted.Source);
        return new CoreDiagnostic(
            EmitDiagnostics.GeneratedCodeError,
            $"generated code does not compile: {error.Id} {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}",
            file,
            new Core.Text.TextSpan(0, 0));
    }
}

/// <summary>The assembly image and pdb on success; GOV diagnostics and Roslyn's own warnings otherwise.</summary>
public sealed record CompileResult(byte[]? Assembly, byte[]? Pdb, IReadOnlyList<CoreDiagnostic> Diagnostics, IReadOnlyList<string> RoslynDiagnostics)
{
    public bool Success => Assembly is not null;
}
