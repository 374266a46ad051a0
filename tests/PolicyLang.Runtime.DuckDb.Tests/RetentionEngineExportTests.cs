using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores.Folder;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

/// <summary>
/// The engine's own export path (docs/performance.md): batches matched on the key's own type where its text round-trips, and each
/// Parquet export read back by DuckDB (count and key/content checksum) before it is stored.
/// </summary>
public sealed class RetentionEngineExportTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private async Task<RetentionResult> RunAsync()
    {
        var retention = M.Retention();
        var policy = M.DuckDbPolicy([M.Dataset("events", "events", "id", [], retention)]);
        await using var store = new DuckDbStore(policy.Stores[0], dir.Db);
        await using var archive = new FolderStore(policy.Stores[1], dir.Archive);
        var options = new RunOptions { BaseDirectory = dir.Path, Now = M.Now, BatchSize = 2 };
        return await new RetentionProtocol("testpolicy", policy.Datasets[0], store, archive, options, (_, _) => Task.CompletedTask).RunAsync(M.Now, CancellationToken.None);
    }

    [Theory]
    [InlineData("BIGINT", "1", "-9223372036854775808", "9223372036854775807")]
    [InlineData("UTINYINT", "0", "7", "255")]
    [InlineData("HUGEINT", "0", "-170141183460469231731687303715884105728", "170141183460469231731687303715884105727")]
    [InlineData("UUID", "'00000000-0000-0000-0000-000000000000'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'", "'0b4f6a2e-1d2c-4c5a-9e1f-2a3b4c5d6e7f'")]
    [InlineData("DATE", "'2020-01-01'", "'infinity'", "'-infinity'")]
    [InlineData("TIMESTAMP", "'2020-01-01 00:00:00.000001'", "'infinity'", "'1970-01-01'")]
    [InlineData("VARCHAR", "'007'", "'7'", "'ünïcödé 🎉'")]
    [InlineData("DOUBLE", "'NaN'", "-0.0", "0.1")]
    [InlineData("TIMESTAMPTZ", "'2020-01-01 00:00:00+05'", "'2020-01-01 00:00:00.5+00'", "'infinity'")]
    public async Task Every_key_type_archives_and_deletes_exactly_the_expired_rows(string type, string a, string b, string c)
    {
        dir.Exec($"CREATE TABLE events (id {type}, payload VARCHAR, created TIMESTAMP)",
            $"INSERT INTO events VALUES ({a}, 'a', '2026-01-01'), ({b}, NULL, '2026-01-02'), ({c}, 'c', '2026-06-01')");
        var expired = dir.Query("SELECT CAST(id AS VARCHAR), payload FROM events WHERE created < '2026-05-01' ORDER BY id");

        var result = await RunAsync();

        Assert.Equal(2, result.Deleted);
        Assert.Equal(1, dir.Scalar("SELECT count(*) FROM events"));
        var files = Directory.GetFiles(dir.Archive, "*.parquet", SearchOption.AllDirectories).Select(f => $"'{f}'");
        Assert.Equal(expired, dir.Query($"SELECT CAST(id AS VARCHAR), payload FROM read_parquet([{string.Join(", ", files)}]) ORDER BY id"));
    }

    [Fact]
    public async Task A_key_in_another_text_form_matches_no_row()
    {
        // Keys cross the contract as CAST(key AS VARCHAR): '007' is not the text of the BIGINT 7, so it deletes nothing.
        dir.Exec("CREATE TABLE events (id BIGINT, created TIMESTAMP)", "INSERT INTO events VALUES (7, '2026-01-01')");
        var policy = M.DuckDbPolicy([M.Dataset("events", "events", "id", [], M.Retention())]);
        await using var store = new DuckDbStore(policy.Stores[0], dir.Db);

        Assert.Equal(0, await store.DeleteAsync(policy.Datasets[0], ["007", "+7", " 7"], null, CancellationToken.None));
        Assert.Equal(1, await store.DeleteAsync(policy.Datasets[0], ["7"], null, CancellationToken.None));
    }

    [Fact]
    public async Task Columns_parquet_reads_back_as_another_type_are_archived_and_counted()
    {
        // ENUM comes back from Parquet as VARCHAR and TIMETZ in UTC: covered by the count and the other columns' checksum.
        dir.Exec("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
            "CREATE TABLE events (id BIGINT, m mood, t TIMETZ, l INTEGER[], s STRUCT(a INTEGER, b VARCHAR), created TIMESTAMP)",
            "INSERT INTO events VALUES (1, 'ok', '12:00:00+02', [1, NULL], {'a': 1, 'b': 'x'}, '2026-01-01'), (2, NULL, NULL, NULL, NULL, '2026-01-01')");

        var result = await RunAsync();

        Assert.Equal(2, result.Deleted);
        Assert.Equal(0, dir.Scalar("SELECT count(*) FROM events"));
    }
}
