namespace PolicyLang.Core.Emit;

/// <summary>
/// Names for the generated code: <see cref="PolicyName"/> is identifier-safe (archive keys, file names).
/// <see cref="Partial"/> makes the class <c>partial</c>, so the source generator can add typed executors to it.
/// <see cref="SourceRoot"/>: the folder the run resolves relative <c>file</c>/<c>path</c> settings against, in the form of the
/// source files' paths; a relative setting in a file of a sub-folder is emitted relative to it, since the language reads it
/// relative to its own <c>.gov</c> file. Null: settings are emitted as written.
/// </summary>
public sealed record EmitOptions(string PolicyName, string ClassName, string Namespace = "PolicyLang.Generated", bool Partial = false, string? SourceRoot = null)
{
    /// <summary>Names a host derived for this policy before its identity came from the policy (folder, file, project); see <c>PolicyModel.PreviousNames</c>.</summary>
    public IReadOnlyList<string> PreviousNames { get; init; } = [];
}

/// <summary>A safeguard as the enforcement assembly carries it: static status and the rules (<c>dataset.rule</c>) deciding it after a run.</summary>
public sealed record ControlEmitInfo(string Id, string Title, string Status, IReadOnlyList<string> CoveringRules);

/// <summary>Generated C#, the runtime assemblies it needs, and where each csharp rule's expression sits (for mapping C# errors back).</summary>
public sealed record EmitResult(
    string Source,
    string FileName,
    string TypeName,
    IReadOnlyList<string> RuntimeAssemblies,
    IReadOnlyList<EmittedExpression> Expressions)
{
    /// <summary>The policy's stores: a compiler that lacks a store's runtime assembly reports GOV0502 at them (<see cref="RuntimeStores.Missing"/>).</summary>
    public IReadOnlyList<Binding.Model.StoreSymbol> Stores { get; init; } = [];
}

/// <summary>A csharp rule's expression: its rule and the .gov location errors inside it are reported at.</summary>
public sealed record EmittedExpression(string Dataset, string Rule, Binding.Model.SourceLocation Location);
