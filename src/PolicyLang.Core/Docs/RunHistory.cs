namespace PolicyLang.Core.Docs;

/// <summary>
/// Past runs for the HTML report's trend charts, read by the host (Core does no I/O): per dataset, one point per run.
/// <see cref="Note"/> says where the history came from, or why there is none (the store keeps no history, none was read).
/// </summary>
public sealed record RunHistory(IReadOnlyList<DatasetTrend> Datasets, string Note)
{
    public static RunHistory None(string why) => new([], why);
}

/// <summary>One dataset's runs, oldest first.</summary>
public sealed record DatasetTrend(string Dataset, IReadOnlyList<RunPoint> Runs);

/// <summary>One run of a dataset's rules: total violations, and how many of its rules passed.</summary>
public sealed record RunPoint(DateTimeOffset At, long Violations, int RulesPassed, int RulesChecked)
{
    /// <summary>The fraction of rules that passed (1 when none was checked).</summary>
    public double PassRate => RulesChecked == 0 ? 1 : (double)RulesPassed / RulesChecked;
}
