namespace PolicyLang.LanguageServer;

/// <param name="Today">The date waivers are checked against, as <c>policyc check</c> without <c>--today</c> (today's UTC date).</param>
/// <param name="DiagnosticsDelay">The quiet time after an edit before a policy is re-diagnosed.</param>
public sealed record LanguageServerOptions(Func<DateOnly> Today, TimeSpan DiagnosticsDelay)
{
    public static LanguageServerOptions Default { get; } = new(() => DateOnly.FromDateTime(DateTime.UtcNow), TimeSpan.FromMilliseconds(50));
}
