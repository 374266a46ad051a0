using System.Text.Json;
using Npgsql;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// An audit trail in a PostgreSQL table. Unlike file sinks it is safe for concurrent runs: each append locks the policy's
/// chain (<c>pg_advisory_xact_lock</c>), reads the last record, and inserts the next one in the same transaction.
/// </summary>
public sealed class PostgresAuditSink : IAuditSink
{
    private const string Columns = "sequence, \"timestamp\", policy, action, dataset, details, counts, previous_hash, hash";
    private readonly PostgresStore store;
    private readonly string table;
    private readonly string location;
    private readonly string policy;
    private readonly bool tamperEvident;

    internal PostgresAuditSink(PostgresStore store, string location, string policy, bool tamperEvident)
    {
        this.store = store;
        this.location = location;
        table = Sql.Table(location);
        this.policy = policy;
        this.tamperEvident = tamperEvident;
    }

    /// <inheritdoc />
    public async Task<AuditRecord> AppendAsync(AuditEntry entry, DateTimeOffset timestamp, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var lockCommand = PostgresStore.Command(connection, "SELECT pg_advisory_xact_lock(hashtext($1))", [$"policylang.audit:{location}:{policy}"], tx))
        {
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        AuditRecord? last = null;
        await using (var command = PostgresStore.Command(connection, $"SELECT {Columns} FROM {table} WHERE policy = $1::text ORDER BY id DESC LIMIT 1", [policy], tx))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                last = Read(reader);
            }
        }

        var record = AuditChain.Next(last, policy, entry, timestamp, tamperEvident);
        await using (var insert = PostgresStore.Command(connection,
            $"INSERT INTO {table} ({Columns}) VALUES ($1, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text)",
            [record.Sequence, AuditChain.FormatTimestamp(record.Timestamp), record.Policy, record.Action, record.Dataset, record.Details,
             JsonSerializer.Serialize(record.Counts), record.PreviousHash, record.Hash], tx))
        {
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return record;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> ReadAllAsync(CancellationToken ct)
    {
        var records = new List<AuditRecord>();
        await using var connection = await store.OpenAsync(ct).ConfigureAwait(false);
        // Stored (insertion) order, not sequence order: an inserted record must show up where it was put.
        await using var command = PostgresStore.Command(connection, $"SELECT {Columns} FROM {table} WHERE policy = $1::text ORDER BY id", [policy]);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static AuditRecord Read(NpgsqlDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new AuditRecord(reader.GetInt64(0), AuditChain.ParseTimestamp(reader.GetString(1)), reader.GetString(2), reader.GetString(3),
            Text(4), reader.GetString(5), JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(6)) ?? [], Text(7), Text(8));
    }
}
