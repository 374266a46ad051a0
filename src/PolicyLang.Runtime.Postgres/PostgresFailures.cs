using System.Net.Sockets;
using Npgsql;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// One line for a PostgreSQL failure: a statement that got no answer within the run's timeout, an unreachable server, an error
/// the server reported. INVARIANT: never the connection text, a user name or a password (authentication errors name none).
/// </summary>
internal static class PostgresFailures
{
    /// <summary>Worth another connection attempt: the server could not be reached or dropped the connection.</summary>
    public static bool IsTransient(Exception ex) => ex is NpgsqlException { IsTransient: true } and not PostgresException || ex is SocketException or TimeoutException;

    /// <summary>The description of <paramref name="ex"/> for store <paramref name="store"/>, or null when it is not a PostgreSQL failure.</summary>
    public static string? Describe(string store, Exception ex, RemoteLimits limits) => ex switch
    {
        RemoteCallException remote => $"{Describe(store, remote.InnerException!, limits)} ({remote.RetriesText})",
        _ when Find<TimeoutException>(ex) is not null =>
            $"store '{store}': PostgreSQL did not answer within {limits.TimeoutText}; the statement was cancelled and its transaction rolled back",
        PostgresException { SqlState: var state } when state.StartsWith("28", StringComparison.Ordinal) =>
            $"store '{store}': PostgreSQL refused the login (SQLSTATE {state})",
        PostgresException pg => $"store '{store}': PostgreSQL error {pg.SqlState}: {pg.MessageText}",
        NpgsqlException npgsql when Find<SocketException>(npgsql) is { } socket => $"store '{store}': cannot reach PostgreSQL ({socket.Message})",
        NpgsqlException npgsql => $"store '{store}': PostgreSQL connection failed ({Innermost(npgsql).Message})",
        _ => null,
    };

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is T found) return found;
        return null;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is { } inner) ex = inner;
        return ex;
    }
}
