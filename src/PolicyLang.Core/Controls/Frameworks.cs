namespace PolicyLang.Core.Controls;

/// <summary>
/// The framework ids a policy may name in <c>frameworks</c>, and which of them CIS publishes
/// mappings for. Those without mapping data get a diagnostic, never invented rows.
/// </summary>
public static class Frameworks
{
    public const string CisV8 = "cis-v8";

    private static readonly Dictionary<string, string> DisplayNames = new(StringComparer.Ordinal)
    {
        [CisV8] = "CIS Controls v8",
        ["nist-csf-1.1"] = "NIST CSF 1.1",
        ["nist-800-53r5"] = "NIST SP 800-53 Rev 5",
        ["iso-27001-2022"] = "ISO/IEC 27001:2022",
        ["nist-csf-2.0"] = "NIST CSF 2.0",
        ["nist-800-171"] = "NIST SP 800-171",
    };

    // Framework id -> the framework column of mappings.csv.
    private static readonly Dictionary<string, string> MappingNames = new(StringComparer.Ordinal)
    {
        ["nist-csf-1.1"] = "NIST CSF 1.1",
        ["nist-800-53r5"] = "NIST SP 800-53 Rev 5",
        ["iso-27001-2022"] = "ISO/IEC 27001:2022 Annex A",
    };

    /// <summary>A human name for documents; unknown ids are shown as written.</summary>
    public static string DisplayName(string id) => DisplayNames.GetValueOrDefault(id, id);

    /// <summary>The <c>framework</c> value in CIS's mapping data, or null when CIS publishes none for <paramref name="id"/>.</summary>
    public static string? MappingName(string id) => MappingNames.GetValueOrDefault(id);

    public static bool HasMappingData(string id) => MappingNames.ContainsKey(id);
}
