namespace PolicyLang.Core.Emit;

/// <summary>
/// Names for the generated code: <see cref="PolicyName"/> is identifier-safe (archive keys, file names).
/// <see cref="Partial"/> makes the class <c>partial</c>, so the source generator can add typed executors to it.
/// </summary>
public sealed record EmitOptions(string PolicyName, string ClassName, string Namespace = "PolicyLang.Generated", bool Partial = false);

/// <summary>A safeguard as the enforcement assembly carries it: static status and the rules (<c>dataset.rule</c>) deciding it after a run.</summary>
public sealed record ControlEmitInfo(string Id, string Title, string Status, IReadOnlyList<string> CoveringRules);

/// <summary>Generated C#, the runtime assemblies it needs, and where each csharp rule's expression sits (for mapping C# errors back).</summary>
public sealed record EmitResult(
    string Source,
    string FileName,
    string TypeName,
    IReadOnlyList<string> RuntimeAssemblies,
    IReadOnlyList<EmittedExpression> Expressions);

/// <summary>A csharp rule's expression: its rule and the .gov location errors inside it are reported at.</summary>
public sealed record EmittedExpression(string Dataset, string Rule, Binding.Model.SourceLocation Location);
