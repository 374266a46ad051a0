using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Runtime.Running;

/// <summary>Safeguard statuses after a run: the compiler's static status, turned Failing when a covering rule failed or could not be evaluated.</summary>
internal static class Controls
{
    public static List<ControlResult> Evaluate(PolicyModel model, RunReport report)
    {
        var broken = report.Rules.Where(r => r.Status is RuleStatus.Failed or RuleStatus.Error)
            .Select(r => $"{r.Dataset}.{r.Rule}").ToHashSet(StringComparer.Ordinal);
        return model.Controls.Select(c =>
        {
            var failing = c.CoveringRules.Where(broken.Contains).ToList();
            // Waived and uncovered safeguards keep their status: a failing rule cannot make them worse than declared.
            var status = failing.Count > 0 && c.Status is ControlStatus.Compliant or ControlStatus.Partial ? ControlStatus.Failing : c.Status;
            return new ControlResult { Id = c.Id, Title = c.Title, Status = status, FailingRules = failing };
        }).ToList();
    }
}
