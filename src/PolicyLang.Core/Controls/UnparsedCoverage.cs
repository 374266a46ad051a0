using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Controls;

/// <summary>
/// Whether parts of the policy that failed to parse may have changed a safeguard's status: a skipped statement of a
/// kind that the safeguard's built-in coverage reads (a broken <c>retain</c> line for 3.4), or one that names the
/// safeguard (<c>covers 3.4</c>, <c>waive 3.4 ...</c>). Its coverage is then not judged, since the syntax error
/// already fails the build and the verdict would be a guess: one mistake, one diagnostic.
/// </summary>
internal static class UnparsedCoverage
{
    private static readonly string[] Backup = ["backup", "every", "encryption", "offsite", "restore-test"];

    // The statements each built-in coverage entry (CoverageRules) reads, by keyword.
    private static readonly Dictionary<string, string[]> Statements = new(StringComparer.Ordinal)
    {
        ["3.1"] = ["policy", "version", "owner", "review"],
        ["3.2"] = ["dataset", "owner", "classification"],
        ["3.3"] = ["dataset", "grant"],
        ["3.4"] = ["dataset", "retain"],
        ["3.5"] = ["dataset", "retain"],
        ["3.7"] = ["classification", "dataset"],
        ["3.8"] = ["dataset", "retain"],
        ["3.10"] = ["store", "tls"],
        ["3.11"] = ["store", "encryption", "dataset", "classification"],
        ["3.14"] = ["audit", "dataset", "column"],
        ["6.1"] = ["dataset", "grant", "approval"],
        ["8.2"] = ["audit"],
        ["8.3"] = ["audit", "retain"],
        ["11.1"] = Backup,
        ["11.2"] = Backup,
        ["11.3"] = Backup,
        ["11.4"] = Backup,
        ["11.5"] = Backup,
    };

    public static bool MayChange(BoundPolicy policy, string safeguardId) =>
        policy.Unparsed.Any(part => part.Mentions(safeguardId)
            || Statements.GetValueOrDefault(safeguardId, []).Any(part.MayBe));
}
