namespace PolicyLang.Build;

/// <summary>
/// What the project's NoWarn, TreatWarningsAsErrors, WarningsAsErrors and WarningsNotAsErrors say about one GOV warning.
/// MSBuild applies these to the C# compiler's warnings, not to a task's, so the task applies them itself (the same
/// rules csc follows: NoWarn wins, then WarningsNotAsErrors, then WarningsAsErrors or TreatWarningsAsErrors).
/// </summary>
internal sealed class WarningPolicy(bool treatWarningsAsErrors, string? noWarn, string? warningsAsErrors, string? warningsNotAsErrors)
{
    private readonly HashSet<string> suppressed = Codes(noWarn);
    private readonly HashSet<string> promoted = Codes(warningsAsErrors);
    private readonly HashSet<string> notPromoted = Codes(warningsNotAsErrors);

    public WarningAction For(string code) =>
        suppressed.Contains(code) ? WarningAction.Suppress
        : notPromoted.Contains(code) ? WarningAction.Warn
        : treatWarningsAsErrors || promoted.Contains(code) ? WarningAction.Error
        : WarningAction.Warn;

    // MSBuild lists are separated by ';' or ',' and often carry spaces and newlines from multi-line properties.
    private static HashSet<string> Codes(string? list) =>
        new((list ?? string.Empty).Split([';', ',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);
}

internal enum WarningAction
{
    Warn,
    Error,
    Suppress,
}
