using Npgsql;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// <c>parses as json</c> on PostgreSQL 15, which has no error-free JSON test (<c>IS JSON</c> and <c>pg_input_is_valid</c> arrived in 16):
/// a function in the session's own temporary schema casts the text to <c>json</c> and catches the error. It is created on the connection
/// before a statement that calls it (nothing is created in the user's schemas, and it disappears with the session).
/// </summary>
internal static class PostgresJson
{
    private const string Name = "pg_temp.policylang_is_json";

    private const string Create =
        $"CREATE OR REPLACE FUNCTION {Name}(value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $body$ " +
        "BEGIN PERFORM value::json; RETURN TRUE; EXCEPTION WHEN others THEN RETURN FALSE; END $body$";

    /// <summary>The test of one text (SQL), never NULL for a non-null text.</summary>
    public static string Call(string text) => $"{Name}({text})";

    /// <summary>Creates the function on <paramref name="connection"/> when <paramref name="sql"/> calls it.</summary>
    public static async Task PrepareAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        if (!sql.Contains(Name, StringComparison.Ordinal))
        {
            return;
        }

        await using var command = new NpgsqlCommand(Create, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
