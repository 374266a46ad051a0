using Npgsql;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

// A backup tool's records of its copies, in a table of this database (`evidence in db table "ops.backups" by finished_at`):
// counted and spanned by PostgreSQL in one statement. extract(epoch ...) reads a timestamp without zone, and a date, as UTC.
public sealed partial class PostgresStore : IBackupRecords
{
    /// <inheritdoc />
    public async Task<CopySpan> SummarizeBackupRecordsAsync(string table, string timeColumn, CancellationToken ct)
    {
        var column = Sql.Id(timeColumn);
        var sql = $"SELECT count({column}), extract(epoch FROM min({column}))::float8, extract(epoch FROM max({column}))::float8 FROM {Sql.Table(table)}";
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, sql, []);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            return BackupRecordTimes.Span(reader.GetInt64(0), reader.GetValue(1), reader.GetValue(2));
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedFunction or PostgresErrorCodes.DatatypeMismatch)
        {
            throw new RunException(BackupRecordTimes.NotATime(Model.Name, table, timeColumn, ex.MessageText), ex);
        }
    }
}
