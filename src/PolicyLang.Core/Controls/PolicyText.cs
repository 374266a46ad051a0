using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Controls;

/// <summary>
/// Statements as an author would read them back (<c>retain 30 days by ingested_at then delete</c>),
/// shared by evidence lines and documents so both quote the policy the same way.
/// Never renders a setting's value when it comes from the environment.
/// </summary>
public static class PolicyText
{
    public static string Retention(RetentionSymbol r)
    {
        var by = r.ByColumn ?? "last-modified";
        var copies = r.CopiesIn is { } expired ? $" in {expired.Name}" : string.Empty;
        var archive = r.ArchiveStore is { } store ? $" then archive to {store.Name} as {r.ArchiveFormat ?? "parquet"}" : string.Empty;
        return $"retain {r.Window} by {by}{copies}{archive} then {FinalAction(r)}";
    }

    /// <summary>Every stage of the dataset's lifecycle, in order: <c>retain 2 years ...; retain 5 years ...</c>.</summary>
    public static string Lifecycle(DatasetSymbol d) => string.Join("; ", d.Lifecycle.Select(Retention));

    /// <summary>
    /// How long a row lives where, in the seed document's style (<c>30 days local, 12 months offsite</c>):
    /// <c>5 years in `warehouse` (email anonymized after 2 years), 10 years in `offsite`</c>. Without a deleting stage a place keeps rows indefinitely.
    /// </summary>
    public static string Lifetimes(DatasetSymbol d)
    {
        var parts = new List<string>();
        var deleted = d.Lifecycle.FirstOrDefault(s => s.DeletesRows);
        var anonymized = d.Lifecycle.Where(s => s.CopiesIn is null && s.Action == RetentionAction.Anonymize)
            .Select(s => $"{string.Join(", ", s.AnonymizeColumns)} anonymized after {s.Window}").ToList();
        parts.Add($"{(deleted is null ? "indefinitely" : deleted.Window.ToString())} in `{d.Store.Name}`{(anonymized.Count == 0 ? string.Empty : $" ({string.Join("; ", anonymized)})")}");
        foreach (var archive in d.Lifecycle.Where(s => s.ArchiveStore is not null))
        {
            var expiry = d.Lifecycle.FirstOrDefault(s => s.CopiesIn?.Name == archive.ArchiveStore!.Name);
            parts.Add($"{(expiry is null ? "indefinitely" : expiry.Window.ToString())} in `{archive.ArchiveStore!.Name}` (from {archive.Window})");
        }

        return string.Join(", ", parts);
    }

    public static string FinalAction(RetentionSymbol r) => r.Action switch
    {
        RetentionAction.Anonymize => $"anonymize {string.Join(", ", r.AnonymizeColumns)}",
        _ => "delete",
    };

    public static string Schedule(BackupSchedule s) => $"every {Period(s.Period)} keep {s.Keep}";

    public static string Period(SchedulePeriod p) => p.ToString().ToLowerInvariant();

    /// <summary>The seed document's style: <c>Weekly: 4 backups, Monthly: 1 backup</c>.</summary>
    public static string ScheduleSummary(IEnumerable<BackupSchedule> schedules) =>
        string.Join(", ", schedules.Select(s => $"{Adverb(s.Period)}: {s.Keep} {(s.Keep == 1 ? "backup" : "backups")}"));

    public static string Adverb(SchedulePeriod p) => p switch
    {
        SchedulePeriod.Day => "Daily",
        SchedulePeriod.Week => "Weekly",
        SchedulePeriod.Month => "Monthly",
        SchedulePeriod.Quarter => "Quarterly",
        _ => "Yearly",
    };

    public static string Grant(DatasetSymbol d, string privilege) =>
        $"grant {privilege} to {string.Join(", ", d.Grants.Where(g => g.Privilege == privilege).Select(g => g.Role.Name))}";

    /// <summary>
    /// A setting for documents. Values from <c>env()</c> are named, never read; <c>connection</c>
    /// literals are withheld too, because a connection string may embed a password.
    /// </summary>
    public static string Setting(BoundSetting s)
    {
        if (s.EnvironmentVariable is { } variable)
        {
            return $"from environment variable `{variable}`";
        }

        if (s.Keyword == "connection")
        {
            return "(written in the policy; not shown)";
        }

        return s.Argument is { } argument ? $"{s.Literal} \"{argument}\"" : s.Literal ?? string.Empty;
    }

    public static string StorageClass(string storageClass) => storageClass switch
    {
        "standard" => "S3 Standard",
        "standard-ia" => "S3 Standard-IA",
        "glacier-instant-retrieval" => "S3 Glacier Instant Retrieval",
        "glacier-flexible-retrieval" => "S3 Glacier Flexible Retrieval",
        "deep-archive" => "S3 Glacier Deep Archive",
        _ => storageClass,
    };

    public static string Location(DatasetSymbol d) => $"{d.LocationKind.ToString().ToLowerInvariant()} \"{d.Location}\"";
}
