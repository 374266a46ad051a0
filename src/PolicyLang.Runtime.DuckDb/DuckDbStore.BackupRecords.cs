using DuckDB.NET.Data;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.DuckDb;

// A backup tool's records of its copies, in a table of this file (`evidence in local table "ops.backups" by finished_at`):
// counted and spanned by DuckDB in one statement. epoch() reads a timestamp without zone, and a date, as UTC.
public sealed partial class DuckDbStore : IBackupRecords
{
    /// <inheritdoc />
    public Task<CopySpan> SummarizeBackupRecordsAsync(string table, string timeColumn, CancellationToken ct)
    {
        var column = Sql.Id(timeColumn);
        try
        {
            using var command = Command($"SELECT count({column}), epoch(min({column}))::DOUBLE, epoch(max({column}))::DOUBLE FROM {Sql.Table(table)}", new Parameters());
            using var reader = command.ExecuteReader();
            reader.Read();
            return Task.FromResult(BackupRecordTimes.Span(reader.GetInt64(0), reader.GetValue(1), reader.GetValue(2)));
        }
        catch (DuckDBException ex) when (ex.Message.Contains("Binder Error", StringComparison.Ordinal) && ex.Message.Contains("epoch", StringComparison.Ordinal))
        {
            throw new RunException(BackupRecordTimes.NotATime(Model.Name, table, timeColumn, ex.Message.Split('\n')[0]), ex);
        }
    }
}
