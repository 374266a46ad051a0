namespace PolicyLang.Generator;

// Only these equatable values travel between pipeline steps: no Roslyn object (AdditionalText, Location,
// Compilation) and no Core object (which compare by reference), so an unchanged input is Cached downstream.

/// <summary>One .gov file: its path and text.</summary>
internal readonly record struct PolicySource(string Path, string Text);

/// <summary>MSBuild settings read from analyzer config: PolicyLangPolicyName, RootNamespace, the project's name and folder.</summary>
internal readonly record struct GeneratorSettings(string? PolicyName, string? RootNamespace, string? ProjectName, string? ProjectDirectory = null);

/// <summary>All inputs of the policy step: every .gov file (one policy), the settings, and which PolicyLang.Runtime* assemblies the project references.</summary>
internal readonly record struct PolicyInput(EquatableArray<PolicySource> Files, GeneratorSettings Settings, EquatableArray<string> RuntimeAssemblies);

/// <summary>A GOV diagnostic as plain data; turned into a Roslyn diagnostic at the .gov location only when reported.</summary>
internal readonly record struct PolicyDiagnostic(
    string Code,
    string Title,
    string Message,
    string Severity,
    string HelpUri,
    string Path,
    int Start,
    int Length,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn);

/// <summary>A generated source file.</summary>
internal readonly record struct GeneratedSource(string HintName, string Text);

/// <summary>What the policy step produced: sources (none when the policy has errors) and diagnostics.</summary>
internal readonly record struct GeneratedPolicy(EquatableArray<GeneratedSource> Sources, EquatableArray<PolicyDiagnostic> Diagnostics);
