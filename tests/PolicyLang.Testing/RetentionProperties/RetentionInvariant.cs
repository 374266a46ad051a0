using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Retention;
using Xunit;

namespace PolicyLang.Testing.RetentionProperties;

/// <summary>A table's rows: key as the store writes it in manifests (its text form) → every column's canonical value, in <see cref="RetentionCase.Columns"/> order.</summary>
internal sealed class TableRows(Dictionary<string, string?[]> rows)
{
    public IReadOnlyDictionary<string, string?[]> Rows => rows;

    public static string Describe(string?[] row) => string.Join("|", row.Select(v => v ?? "<null>"));

    public void AssertSame(TableRows other, string context)
    {
        Assert.True(rows.Keys.Order(StringComparer.Ordinal).SequenceEqual(other.Rows.Keys.Order(StringComparer.Ordinal)),
            $"{context}: keys [{string.Join(", ", rows.Keys)}] became [{string.Join(", ", other.Rows.Keys)}]");
        foreach (var (key, row) in rows)
        {
            Assert.True(row.SequenceEqual(other.Rows[key]), $"{context}: row {key}: {Describe(row)} became {Describe(other.Rows[key])}");
        }
    }
}

/// <summary>One stored archive object: its manifest, its file and its rows as canonical values (key column first).</summary>
internal sealed record ArchivedObject(ArchiveManifest Manifest, string File, IReadOnlyList<string?[]> Rows);

/// <summary>
/// The retention promise, checked exactly: table ∪ archive = the original rows by key and full content, each row in one place
/// and archived once; the table keeps exactly the rows not past their window (NULL retention values included); anonymize nulls
/// exactly the named columns of exactly the expired rows; every manifest is complete and verifies.
/// </summary>
internal static class RetentionInvariant
{
    /// <summary>The keys retention must process: expired rows (for anonymize, only those with a named column still non-null).</summary>
    public static HashSet<string> Processed(RetentionCase c, TableRows before)
    {
        var names = c.Columns.Select(col => col.Name).ToList();
        var ord = names.IndexOf("ord");
        var anonymized = c.Anonymize.Select(a => names.IndexOf(a)).ToList();
        return before.Rows.Where(r => c.Expired(int.Parse(r.Value[ord]!, System.Globalization.CultureInfo.InvariantCulture))
                && (c.Action == "delete" || anonymized.Any(i => r.Value[i] is not null)))
            .Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Checks the table and archive after <paramref name="runs"/> (a crashed run and its rerun, or one run) and what they report.</summary>
    public static void Check(RetentionCase c, TableRows before, TableRows after, IReadOnlyList<ArchivedObject> archive, params RetentionResult[] runs)
    {
        var processed = Processed(c, before);
        var names = c.Columns.Select(col => col.Name).ToList();
        var anonymized = c.Anonymize.Select(a => names.IndexOf(a)).ToHashSet();
        var expected = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        foreach (var (key, row) in before.Rows)
        {
            if (!processed.Contains(key))
            {
                expected[key] = row;
            }
            else if (c.Action == "anonymize")
            {
                expected[key] = row.Select((v, i) => anonymized.Contains(i) ? null : v).ToArray();
            }
        }

        new TableRows(expected).AssertSame(after, $"{c}: table after the run");

        Assert.Equal((c.Action == "delete" ? processed.Count : 0, c.Action == "anonymize" ? processed.Count : 0),
            (runs.Sum(r => r.Deleted), runs.Sum(r => r.Anonymized)));
        // A batch recovered after a crash is verified again, so only an uninterrupted run counts each archived row once.
        if (runs.Length == 1)
        {
            Assert.Equal(c.Format is null ? 0 : processed.Count, runs[0].Archived);
        }

        if (c.Format is null)
        {
            Assert.Empty(archive);
            return;
        }
        // Archived rows are found by their canonical key value, the first column.
        var byCanonicalKey = before.Rows.ToDictionary(r => r.Value[0]!, r => r.Key, StringComparer.Ordinal);
        var archived = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in archive)
        {
            var m = o.Manifest;
            Assert.True(m.CompletedAt is not null, $"{c}: {o.File} is not complete");
            Assert.Equal((c.Format, c.Action), (m.Format, m.Action));
            Assert.Equal(m.Sha256, ArchiveManifest.Sha256OfFileAsync(o.File, CancellationToken.None).GetAwaiter().GetResult());
            Assert.Equal(ArchiveManifest.HashKeys(m.Keys), m.KeysSha256);
            Assert.Equal((m.Keys.Count, m.Keys.Count), ((int)m.RowCount, o.Rows.Count));
            var keys = o.Rows.Select(r => byCanonicalKey.TryGetValue(r[0]!, out var k) ? k : throw new Xunit.Sdk.XunitException($"{c}: {o.File} holds unknown row {TableRows.Describe(r)}")).ToList();
            Assert.True(keys.ToHashSet(StringComparer.Ordinal).SetEquals(m.Keys) && keys.Distinct().Count() == keys.Count,
                $"{c}: {o.File} holds [{string.Join(", ", keys)}], its manifest lists [{string.Join(", ", m.Keys)}]");
            foreach (var (key, row) in keys.Zip(o.Rows))
            {
                Assert.True(archived.Add(key), $"{c}: row {key} is archived twice");
                Assert.True(before.Rows[key].SequenceEqual(row), $"{c}: row {key} was {TableRows.Describe(before.Rows[key])}, archived as {TableRows.Describe(row)}");
            }
        }

        Assert.True(archived.SetEquals(processed), $"{c}: archived [{string.Join(", ", archived)}], expected [{string.Join(", ", processed)}]");
    }

    /// <summary>
    /// Every file under the dataset's archive folder belongs to a manifest (data object, manifest, done marker): no temp file,
    /// no orphan object; returns the manifests with their data files.
    /// </summary>
    public static List<(ArchiveManifest Manifest, string File)> Manifests(string datasetFolder)
    {
        if (!Directory.Exists(datasetFolder))
        {
            return [];
        }

        var files = Directory.GetFiles(datasetFolder, "*", SearchOption.AllDirectories).ToHashSet(StringComparer.Ordinal);
        var found = new List<(ArchiveManifest, string)>();
        foreach (var path in files.Where(f => f.EndsWith(".manifest.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var manifest = PolicyLang.Runtime.Stores.Folder.FolderStore.ReadManifest(path);
            var stem = path[..^".manifest.json".Length];
            found.Add((manifest, stem + "." + manifest.Extension));
            files.Remove(path);
            files.Remove(stem + ".done");
            Assert.True(files.Remove(stem + "." + manifest.Extension), $"{path} has no data object");
        }

        Assert.True(files.Count == 0, $"stray archive files: {string.Join(", ", files)}");
        return found;
    }

    /// <summary>Every file's name and content, to prove a run changed nothing.</summary>
    public static Dictionary<string, string> Contents(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => ArchiveManifest.Sha256Hex(Convert.ToBase64String(File.ReadAllBytes(f))))
            : [];
}
