using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores.Folder;
using PolicyLang.Testing.RetentionProperties;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

/// <summary>
/// Retention on generated DuckDB tables (RetentionCases, fixed seeds): a dry run changes nothing and counts right, the run (or a
/// run crashed at a fault point and its rerun) keeps the promise exactly (RetentionInvariant), and a second run does nothing.
/// </summary>
public sealed class RetentionPropertyTests
{
    public static IEnumerable<object[]> Seeds => RetentionCases.Seeds(60);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Retention_keeps_every_row_in_the_table_or_the_archive_exactly_once(int seed)
    {
        var c = RetentionCases.Generate(seed, Dialect.DuckDb);
        using var dir = new TempDir();
        dir.Exec(c.CreateTable("events"));
        if (c.Rows.Count > 0)
        {
            dir.Exec(c.Insert("events"));
        }

        var before = Snapshot(dir, c);
        var folder = Path.Combine(dir.Archive, "testpolicy", "events");

        var (dry, _) = await RunAsync(dir, c, dryRun: true);
        Assert.True(RetentionInvariant.Processed(c, before).Count == dry.WouldProcess, $"{c}: a dry run counts {dry.WouldProcess} rows");
        before.AssertSame(Snapshot(dir, c), $"{c}: dry run");
        Assert.Empty(RetentionInvariant.Contents(folder));

        // A crashed run (its exception stands for the process dying) is followed by a rerun, which must complete the work.
        var (first, crashed) = await RunAsync(dir, c, crash: true);
        RetentionResult[] runs = crashed ? [first, (await RunAsync(dir, c)).Result] : [first];
        var after = Snapshot(dir, c);
        RetentionInvariant.Check(c, before, after, Archive(dir, c, folder), runs);

        var archived = RetentionInvariant.Contents(folder);
        var (again, _) = await RunAsync(dir, c);
        Assert.Equal((0L, 0L, 0L, 0), (again.Archived, again.Deleted, again.Anonymized, again.Batches));
        after.AssertSame(Snapshot(dir, c), $"{c}: second run");
        Assert.Equal(archived, RetentionInvariant.Contents(folder));
    }

    private static async Task<(RetentionResult Result, bool Crashed)> RunAsync(TempDir dir, RetentionCase c, bool dryRun = false, bool crash = false)
    {
        var policy = M.DuckDbPolicy([M.Dataset("events", "events", "id", [], c.Retention(M.Src))]);
        await using var store = new DuckDbStore(policy.Stores[0], dir.Db);
        await using var archive = new FolderStore(policy.Stores[1], dir.Archive);
        var options = new RunOptions { BaseDirectory = dir.Path, Now = c.Now, BatchSize = c.BatchSize, DryRun = dryRun, FaultInjection = crash ? c.CrashAt : null };
        var protocol = new RetentionProtocol("testpolicy", policy.Datasets[0], store, c.Format is null ? null : archive, options, (_, _) => Task.CompletedTask);
        try
        {
            return (await protocol.RunAsync(c.Now, CancellationToken.None), false);
        }
        catch (IOException e) when (e.Message == RetentionCase.CrashMessage)
        {
            return (protocol.Partial, true);
        }
    }

    /// <summary>Every column as DuckDB's text form (UTC session), keyed by the key's text form, which manifests record.</summary>
    private static TableRows Snapshot(TempDir dir, RetentionCase c) =>
        new(Rows(dir, c, "events").ToDictionary(r => r[0]!, r => r[1..], StringComparer.Ordinal));

    /// <summary>The rows of <paramref name="from"/>: the key's text, then every column's.</summary>
    private static List<string?[]> Rows(TempDir dir, RetentionCase c, string from)
    {
        using var connection = dir.Open();
        using (var utc = connection.CreateCommand())
        {
            utc.CommandText = "SET TimeZone = 'UTC'";
            utc.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CAST(id AS VARCHAR), {string.Join(", ", c.Columns.Select(col => $"CAST({col.Name} AS VARCHAR)"))} FROM {from}";
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToArray());
        }

        return rows;
    }

    /// <summary>Each archive object read back by DuckDB: JSON Lines with the table's column types, text-archived ones as their text.</summary>
    private static List<ArchivedObject> Archive(TempDir dir, RetentionCase c, string folder) =>
        RetentionInvariant.Manifests(folder).Select(m =>
        {
            var file = Sql(m.File);
            var from = m.Manifest.Format == "jsonl"
                ? $"read_json({file}, format = 'newline_delimited', columns = {{{string.Join(", ", c.Columns.Select(col => $"{Sql(col.Name)}: {Sql(col.Kind == Kind.Text ? "VARCHAR" : col.SqlType)}"))}}})"
                : $"read_parquet({file})";
            return new ArchivedObject(m.Manifest, m.File, Rows(dir, c, from).Select(r => r[1..]).ToList());
        }).ToList();

    private static string Sql(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
