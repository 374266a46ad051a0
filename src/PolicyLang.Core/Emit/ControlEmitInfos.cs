using PolicyLang.Core.Controls;

namespace PolicyLang.Core.Emit;

/// <summary>The coverage facts an enforcement assembly carries so a run can report safeguard status.</summary>
public static class ControlEmitInfos
{
    public static IReadOnlyList<ControlEmitInfo> From(CoverageReport coverage) =>
        [.. coverage.Safeguards.Select(s => new ControlEmitInfo(s.Id, s.Title, s.Status.ToString(), s.CoveringRules))];
}
