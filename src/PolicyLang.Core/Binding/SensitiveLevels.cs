using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Binding;

/// <summary>
/// "Confidential or higher", one definition for CIS 3.11 and the conflict checks: the level named <c>confidential</c> and every
/// level above it in the policy's declared order; a scheme without that name counts only its most sensitive level.
/// </summary>
internal static class SensitiveLevels
{
    private const string Confidential = "confidential";

    /// <summary>The lowest rank that counts as confidential (<see cref="int.MaxValue"/> when the policy declares no levels).</summary>
    public static int Threshold(IReadOnlyList<ClassificationLevel> levels) =>
        levels.FirstOrDefault(c => c.Name == Confidential)?.Rank
        ?? (levels.Count == 0 ? int.MaxValue : levels.Max(c => c.Rank));

    public static bool IsConfidential(BoundPolicy policy, DatasetSymbol dataset) =>
        dataset.Classification is { } level && level.Rank >= Threshold(policy.Classification);
}
