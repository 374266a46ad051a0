using System.Text.Json;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.DuckDb;

/// <summary>An audit trail in a DuckDB table (created if missing); each append is its own statement, hence its own transaction.</summary>
public sealed class DuckDbAuditSink : ChainedAuditSink
{
    private readonly DuckDbStore store;
    private readonly string table;

    internal DuckDbAuditSink(DuckDbStore store, string table, string policy, bool tamperEvident) : base(policy, tamperEvident)
    {
        this.store = store;
        this.table = table;
    }

    /// <inheritdoc />
    protected override Task WriteAsync(AuditRecord r, CancellationToken ct)
    {
        var p = new Parameters();
        var values = string.Join(", ", new object?[]
        {
            r.Sequence, AuditChain.FormatTimestamp(r.Timestamp), r.Policy, r.Action, r.Dataset, r.Details,
            JsonSerializer.Serialize(r.Counts), r.PreviousHash, r.Hash,
        }.Select(p.Add));
        store.Execute($"INSERT INTO {table} VALUES ({values})", p);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<AuditRecord>> ReadAllAsync(CancellationToken ct)
    {
        var records = new List<AuditRecord>();
        // Stored (insertion) order, not sequence order: an inserted record must show up where it was put.
        using var command = store.Command($"SELECT * FROM {table} ORDER BY rowid", null);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            records.Add(new AuditRecord(reader.GetInt64(0), AuditChain.ParseTimestamp(reader.GetString(1)), reader.GetString(2), reader.GetString(3),
                Text(4), reader.GetString(5), JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(6)) ?? [], Text(7), Text(8)));
        }

        return Task.FromResult<IReadOnlyList<AuditRecord>>(records);
    }
}
