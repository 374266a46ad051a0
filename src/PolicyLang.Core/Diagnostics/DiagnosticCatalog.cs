using System.Reflection;
using System.Text;

namespace PolicyLang.Core.Diagnostics;

/// <summary>
/// Every diagnostic the compiler can report, gathered from the per-stage classes of this namespace
/// (SyntaxDiagnostics, BindingDiagnostics, ControlDiagnostics, EmitDiagnostics, ...).
/// </summary>
public static class DiagnosticCatalog
{
    private static readonly Lazy<IReadOnlyList<DiagnosticDescriptor>> Descriptors = new(Discover);

    public static IReadOnlyList<DiagnosticDescriptor> All => Descriptors.Value;

    public static DiagnosticDescriptor? Find(string code) =>
        All.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The reference page (docs/diagnostics.md): one entry per code with a failing example.</summary>
    public static string RenderMarkdown()
    {
        var builder = new StringBuilder();
        builder.AppendLine("# PolicyLang diagnostics");
        builder.AppendLine();
        builder.AppendLine("Generated from the compiler's catalogue (`policyc explain GOV####` prints one entry). Every example below is compiled by the test suite and must produce its code (emit-stage examples are built with Roslyn; GOV0599, an internal error, has none).");
        builder.AppendLine();
        builder.AppendLine("| code | severity | title |");
        builder.AppendLine("|---|---|---|");
        foreach (var d in All)
        {
            builder.AppendLine($"| [{d.Code}](#{d.Code.ToLowerInvariant()}) | {Severity(d)} | {d.Title} |");
        }

        foreach (var d in All)
        {
            builder.AppendLine();
            builder.Append(RenderEntry(d));
        }

        return builder.ToString();
    }

    /// <summary>One entry, as `policyc explain` prints it and docs/diagnostics.md contains it.</summary>
    public static string RenderEntry(DiagnosticDescriptor d)
    {
        var builder = new StringBuilder();
        builder.AppendLine($"## {d.Code}");
        builder.AppendLine();
        builder.AppendLine($"**{d.Title}** ({Severity(d)})");
        builder.AppendLine();
        builder.AppendLine(d.Explanation);
        builder.AppendLine();
        builder.AppendLine("Example that triggers it:");
        builder.AppendLine();
        builder.AppendLine("```gov");
        builder.AppendLine(d.Example);
        builder.AppendLine("```");
        return builder.ToString();
    }

    private static string Severity(DiagnosticDescriptor d) => d.Severity.ToString().ToLowerInvariant();

    private static IReadOnlyList<DiagnosticDescriptor> Discover() =>
        typeof(DiagnosticCatalog).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(DiagnosticCatalog).Namespace && t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToArray();
}
