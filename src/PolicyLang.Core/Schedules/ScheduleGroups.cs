using System.Text;
using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Schedules;

/// <summary>
/// Datasets that run together: one per distinct schedule. Datasets without a <c>schedule</c> of their own run on the policy's;
/// when every dataset does, the group is the whole policy (<see cref="Datasets"/> empty: the job runs without <c>--dataset</c>).
/// <see cref="Name"/> names the job (a Kubernetes object name, a unit and a workflow file): the identity, plus the first dataset's
/// name for a dataset's own schedule.
/// </summary>
public sealed record ScheduleGroup(string Name, ScheduleSymbol Schedule, IReadOnlyList<string> Datasets)
{
    /// <summary>The longest name: a CronJob's name leaves 11 characters of 63 for the Job suffix the controller adds.</summary>
    public const int MaxNameLength = 52;

    /// <summary>"all datasets" or the datasets' names, for descriptions.</summary>
    public string Describe() => Datasets.Count == 0 ? "all datasets" : $"dataset{(Datasets.Count == 1 ? string.Empty : "s")} {string.Join(", ", Datasets)}";

    /// <summary>The groups of <paramref name="policy"/> in declaration order (the policy's first), and the datasets that have no schedule at all.</summary>
    public static (IReadOnlyList<ScheduleGroup> Groups, IReadOnlyList<string> Unscheduled) Of(BoundPolicy policy)
    {
        var identity = JobName(policy.Identity);
        var policySchedule = policy.Header?.Schedule;
        var own = policy.Datasets.Where(d => d.Schedule is not null && !Same(d.Schedule, policySchedule)).ToList();
        var groups = new List<ScheduleGroup>();
        if (policySchedule is not null)
        {
            var rest = policy.Datasets.Where(d => !own.Contains(d)).Select(d => d.Name).ToList();
            if (own.Count == 0)
            {
                groups.Add(new ScheduleGroup(identity, policySchedule, []));
            }
            else if (rest.Count > 0)
            {
                groups.Add(new ScheduleGroup(identity, policySchedule, rest));
            }
        }

        foreach (var sameSchedule in own.GroupBy(d => (d.Schedule!.Cron.Trim(), d.Schedule.TimeZone)))
        {
            var datasets = sameSchedule.Select(d => d.Name).ToList();
            groups.Add(new ScheduleGroup(JobName($"{identity}-{datasets[0]}"), sameSchedule.First().Schedule!, datasets));
        }

        var unscheduled = policySchedule is null ? policy.Datasets.Where(d => d.Schedule is null).Select(d => d.Name).ToList() : [];
        return (groups, unscheduled);
    }

    private static bool Same(ScheduleSymbol a, ScheduleSymbol? b) => b is not null && a.Cron.Trim() == b.Cron.Trim() && a.TimeZone == b.TimeZone;

    /// <summary>
    /// <paramref name="text"/> as a lower-case DNS label (letters, digits, <c>-</c>) of at most <see cref="MaxNameLength"/> characters;
    /// a longer one is cut and ends with a short hash of the whole, so two long names stay apart.
    /// </summary>
    public static string JobName(string text)
    {
        var name = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            var keep = char.IsAsciiLetterOrDigit(c) ? c : '-';
            if (keep != '-' || (name.Length > 0 && name[^1] != '-'))
            {
                name.Append(keep);
            }
        }

        var label = name.ToString().Trim('-');
        if (label.Length <= MaxNameLength)
        {
            return label.Length == 0 ? "policy" : label;
        }

        var hash = StableHash(label).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        return $"{label[..(MaxNameLength - 9)].TrimEnd('-')}-{hash}";
    }

    /// <summary>FNV-1a of <paramref name="text"/>: the same on every machine and run (string.GetHashCode is not).</summary>
    internal static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
