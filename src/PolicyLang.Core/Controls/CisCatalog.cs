using System.Reflection;

namespace PolicyLang.Core.Controls;

/// <summary>A CIS Controls v8.0 safeguard (<c>3.4</c>) with its implementation-group membership.</summary>
public sealed record CisSafeguard(
    string Id,
    int Control,
    string Title,
    string AssetType,
    string SecurityFunction,
    bool Ig1,
    bool Ig2,
    bool Ig3)
{
    /// <summary>The number after the dot, for numeric ordering (<c>3.10</c> after <c>3.9</c>).</summary>
    public int Number => int.Parse(Id[(Id.IndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One of the 18 top-level CIS controls.</summary>
public sealed record CisControl(int Number, string Title);

/// <summary>CIS's own mapping of a safeguard to another framework's control (<c>PR.DS-1</c>, <c>SC-28</c>, <c>A.8.24</c>).</summary>
public sealed record CisMapping(string SafeguardId, string Framework, string TargetId, string Relationship);

/// <summary>
/// The CIS Controls v8.0 catalogue, read once from the CSVs embedded in this assembly
/// (resources, not files: Core does no I/O). The data is CIS's, shipped unmodified with <see cref="Attribution"/>.
/// </summary>
public sealed class CisCatalog
{
    public const string Attribution =
        "CIS Controls content is licensed CC BY-NC-ND 4.0 by the Center for Internet Security (CIS Critical Security Controls v8.0); "
        + "it is reproduced unmodified, with CIS's own mappings to NIST CSF 1.1, NIST SP 800-53 Rev 5 and ISO/IEC 27001:2022.";

    private static readonly Lazy<CisCatalog> Instance = new(Load);

    private readonly Dictionary<string, CisSafeguard> byId;
    private readonly ILookup<string, CisMapping> mappingsById;

    private CisCatalog(IReadOnlyList<CisSafeguard> safeguards, IReadOnlyList<CisControl> controls, IReadOnlyList<CisMapping> mappings)
    {
        Safeguards = safeguards;
        Controls = controls;
        Mappings = mappings;
        byId = safeguards.ToDictionary(s => s.Id, StringComparer.Ordinal);
        mappingsById = mappings.ToLookup(m => m.SafeguardId, StringComparer.Ordinal);
    }

    public static CisCatalog Default => Instance.Value;

    /// <summary>All safeguards in catalogue order (by control, then number).</summary>
    public IReadOnlyList<CisSafeguard> Safeguards { get; }

    public IReadOnlyList<CisControl> Controls { get; }

    public IReadOnlyList<CisMapping> Mappings { get; }

    public CisSafeguard? Find(string id) => byId.GetValueOrDefault(id);

    public bool Contains(string id) => byId.ContainsKey(id);

    public CisControl? FindControl(int number) => Controls.FirstOrDefault(c => c.Number == number);

    /// <summary>CIS's mappings of <paramref name="safeguardId"/> to <paramref name="framework"/> (a <see cref="Frameworks"/> display name).</summary>
    public IEnumerable<CisMapping> MappingsFor(string safeguardId, string framework) =>
        mappingsById[safeguardId].Where(m => m.Framework == framework);

    /// <summary>Orders safeguard ids numerically: <c>3.9</c> before <c>3.10</c>, <c>9.1</c> before <c>10.1</c>.</summary>
    public static int CompareIds(string a, string b)
    {
        static (int, int) Key(string id)
        {
            var parts = id.Split('.');
            return parts.Length == 2 && int.TryParse(parts[0], out var c) && int.TryParse(parts[1], out var n) ? (c, n) : (int.MaxValue, int.MaxValue);
        }

        var byNumber = Key(a).CompareTo(Key(b));
        return byNumber != 0 ? byNumber : string.CompareOrdinal(a, b);
    }

    private static CisCatalog Load()
    {
        var safeguards = ReadCsv("safeguards.csv")
            .Select(r => new CisSafeguard(r[0], int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture), r[2], r[3], r[4], r[5] == "true", r[6] == "true", r[7] == "true"))
            .ToList();
        var controls = ReadCsv("controls.csv")
            .Select(r => new CisControl(int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture), r[1]))
            .ToList();
        var mappings = ReadCsv("mappings.csv")
            .Select(r => new CisMapping(r[0], r[1], r[2], r[3]))
            .ToList();
        return new CisCatalog(safeguards, controls, mappings);
    }

    // INVARIANT: the resources are built into this assembly by PolicyLang.Core.csproj; a missing one is a packaging bug, so it throws.
    private static IEnumerable<string[]> ReadCsv(string name)
    {
        var resource = $"PolicyLang.Core.Controls.Data.{name}";
        using var stream = typeof(CisCatalog).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0);
        return lines.Skip(1).Select(SplitCsvLine).ToList();
    }

    // RFC 4180 fields: quoted fields may contain commas and doubled quotes (one title does: "Authentication, Authorization, and Auditing").
    private static string[] SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
