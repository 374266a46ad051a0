using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores.Folder;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

public sealed class AuditChainTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static async Task<string> FillAsync(IAuditSink sink, int n)
    {
        AuditRecord? last = null;
        for (var i = 1; i <= n; i++)
        {
            last = await sink.AppendAsync(new AuditEntry("check", "people", $"entry {i}", new Dictionary<string, long> { ["rows"] = i }),
                M.Now.AddSeconds(i).AddTicks(1234567), CancellationToken.None);
        }

        return last!.Hash ?? "";
    }

    private string AuditFile => Path.Combine(dir.Path, "audit.jsonl");

    [Fact]
    public async Task An_untouched_folder_trail_verifies()
    {
        var head = await FillAsync(new FolderAuditSink(AuditFile, "p", true), 5);
        var records = await new FolderAuditSink(AuditFile, "p", true).ReadAllAsync(CancellationToken.None);
        Assert.Equal([1L, 2, 3, 4, 5], records.Select(r => r.Sequence));
        Assert.Empty(AuditVerifier.Verify(records, head));
        // A new sink continues the chain of the existing file.
        await FillAsync(new FolderAuditSink(AuditFile, "p", true), 1);
        Assert.Empty(AuditVerifier.Verify(await new FolderAuditSink(AuditFile, "p", true).ReadAllAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_trail_path_that_is_a_folder_is_an_error_not_an_empty_trail()
    {
        Directory.CreateDirectory(AuditFile);
        var error = await Assert.ThrowsAsync<Stores.RunException>(() => new FolderAuditSink(AuditFile, "p", true).ReadAllAsync(CancellationToken.None));
        Assert.Equal($"the audit trail '{AuditFile}' is a folder, not a file", error.Message);
    }

    [Fact]
    public async Task An_edited_record_is_named()
    {
        await FillAsync(new FolderAuditSink(AuditFile, "p", true), 5);
        var lines = File.ReadAllLines(AuditFile);
        lines[2] = lines[2].Replace("entry 3", "entry 3 (nothing happened)", StringComparison.Ordinal);
        File.WriteAllLines(AuditFile, lines);
        var problem = Assert.Single(AuditVerifier.Verify(await new FolderAuditSink(AuditFile, "p", true).ReadAllAsync(CancellationToken.None)));
        Assert.Equal(("edited", 3L, 2), (problem.Kind, problem.Sequence, problem.Index));
        Assert.Contains("record #3", problem.Message);
    }

    [Fact]
    public async Task A_deleted_record_is_named()
    {
        await FillAsync(new FolderAuditSink(AuditFile, "p", true), 5);
        File.WriteAllLines(AuditFile, File.ReadAllLines(AuditFile).Where((_, i) => i != 2));
        var problem = Assert.Single(AuditVerifier.Verify(await new FolderAuditSink(AuditFile, "p", true).ReadAllAsync(CancellationToken.None)));
        Assert.Equal("deleted", problem.Kind);
        Assert.Equal("record #3 is missing before record #4 (index 2): deleted", problem.Message);
    }

    [Fact]
    public async Task An_inserted_record_is_named_even_with_a_valid_hash()
    {
        await FillAsync(new FolderAuditSink(AuditFile, "p", true), 5);
        var records = (await new FolderAuditSink(AuditFile, "p", true).ReadAllAsync(CancellationToken.None)).ToList();
        // The forger knows the format: a record that chains correctly to #2 and claims sequence 3.
        var forged = AuditChain.Next(records[1], "p", new AuditEntry("delete", "people", "forged", new Dictionary<string, long>()), M.Now, true);
        var lines = File.ReadAllLines(AuditFile).ToList();
        lines.Insert(2, AuditJson.Serialize(forged));
        File.WriteAllLines(AuditFile, lines);
        var problems = AuditVerifier.Verify(await new FolderAuditSink(AuditFile, "p", true).ReadAllAsync(CancellationToken.None));
        var problem = Assert.Single(problems);
        Assert.Equal(("inserted", 3), (problem.Kind, problem.Index));
    }

    [Fact]
    public async Task Truncation_is_detected_against_the_head()
    {
        var head = await FillAsync(new FolderAuditSink(AuditFile, "p", true), 5);
        File.WriteAllLines(AuditFile, File.ReadAllLines(AuditFile).Take(4));
        var problem = Assert.Single(AuditVerifier.Verify(await new FolderAuditSink(AuditFile, "p", true).ReadAllAsync(CancellationToken.None), head));
        Assert.Equal("deleted", problem.Kind);
    }

    [Fact]
    public async Task The_duckdb_trail_detects_edit_delete_and_insert()
    {
        await using var store = new DuckDbStore(new StoreModel("db", "duckdb", new Dictionary<string, SettingValue>()), dir.Db);
        var sink = await store.OpenAuditAsync(new AuditModel("db", "governance.audit_log", null, true), "p", CancellationToken.None);
        await FillAsync(sink, 6);
        Assert.Empty(AuditVerifier.Verify(await sink.ReadAllAsync(CancellationToken.None)));

        store.Execute("UPDATE governance.audit_log SET details = 'edited' WHERE sequence = 2");
        store.Execute("DELETE FROM governance.audit_log WHERE sequence = 4");
        store.Execute("INSERT INTO governance.audit_log SELECT * FROM governance.audit_log WHERE sequence = 5");
        var problems = AuditVerifier.Verify(await sink.ReadAllAsync(CancellationToken.None));
        Assert.Equal(["edited #2", "deleted #5", "inserted #5"], problems.Select(p => $"{p.Kind} #{p.Sequence}"));
    }

    [Fact]
    public async Task Without_tamper_evidence_records_carry_no_hash()
    {
        var sink = new FolderAuditSink(AuditFile, "p", tamperEvident: false);
        await sink.AppendAsync(new AuditEntry("check", null, "a", new Dictionary<string, long>()), M.Now, CancellationToken.None);
        await sink.AppendAsync(new AuditEntry("check", null, "b", new Dictionary<string, long>()), M.Now, CancellationToken.None);
        var records = await sink.ReadAllAsync(CancellationToken.None);
        Assert.All(records, r => Assert.Null(r.Hash));
        Assert.Equal([1L, 2], records.Select(r => r.Sequence));
    }
}
