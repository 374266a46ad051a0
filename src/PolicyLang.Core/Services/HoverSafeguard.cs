using System.Text;
using PolicyLang.Core.Controls;

namespace PolicyLang.Core.Services;

/// <summary>A CIS safeguard as hover and completion show it: title, implementation groups, and this policy's status and evidence.</summary>
internal static class HoverSafeguard
{
    public static string Describe(CisSafeguard safeguard, SafeguardCoverage? coverage)
    {
        var groups = string.Join(", ", new[] { (safeguard.Ig1, "IG1"), (safeguard.Ig2, "IG2"), (safeguard.Ig3, "IG3") }.Where(g => g.Item1).Select(g => g.Item2));
        var builder = new StringBuilder();
        builder.Append("**CIS v8 ").Append(safeguard.Id).Append("** ").AppendLine(safeguard.Title).AppendLine();
        builder.Append("Implementation groups: ").Append(groups.Length > 0 ? groups : "none")
            .Append(" · ").Append(safeguard.AssetType).Append(" · ").AppendLine(safeguard.SecurityFunction).AppendLine();
        if (coverage is null)
        {
            return builder.Append("In this policy: not required and not covered.").ToString();
        }

        builder.Append("In this policy: **").Append(Status(coverage.Status)).Append("**")
            .Append(coverage.Required ? $", required at {coverage.RequiredAt}" : ", not required").AppendLine();
        foreach (var evidence in coverage.Evidence)
        {
            builder.Append("- ").Append(evidence.Text).Append(" (").Append(evidence.Location).AppendLine(")");
        }

        if (coverage.CoveringRules.Count > 0)
        {
            builder.Append("- covered by rules ").AppendLine(string.Join(", ", coverage.CoveringRules.Select(r => $"`{r}`")));
        }

        if (coverage.Lacking.Count > 0)
        {
            builder.AppendLine().Append("Lacking: ").AppendLine(string.Join("; ", coverage.Lacking));
        }

        if (coverage.Waiver is { } waiver)
        {
            builder.AppendLine().Append("Waived until ").Append(waiver.Until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                .Append(": ").AppendLine(waiver.Reason);
        }

        return builder.ToString().TrimEnd();
    }

    public static string Status(SafeguardStatus status) => status switch
    {
        SafeguardStatus.NotCovered => "Not covered",
        _ => status.ToString(),
    };
}
