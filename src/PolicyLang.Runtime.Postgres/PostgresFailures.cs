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

    /// <summary>
    /// The description of <paramref name="ex"/> for store <paramref name="store"/> whose server is <paramref name="where"/> (host:port),
    /// or null when it is not a PostgreSQL failure.
    /// </summary>
    public static string? Describe(string store, string where, Exception ex, RemoteLimits limits) => ex switch
    {
        RemoteCallException remote => $"{Describe(store, where, remote.InnerException!, limits)} ({remote.RetriesText})",
        _ when Find<TimeoutException>(ex) is not null =>
            $"store '{store}': PostgreSQL at {where} did not answer within {limits.TimeoutText}; the statement was cancelled and its transaction rolled back",
        PostgresException { SqlState: var state } when state.StartsWith("28", StringComparison.Ordinal) =>
            $"store '{store}': PostgreSQL refused the login (SQLSTATE {state})",
        PostgresException pg => $"store '{store}': PostgreSQL error {pg.SqlState}: {pg.MessageText}",
        NpgsqlException npgsql when Find<SocketException>(npgsql) is { } socket => $"store '{store}': cannot reach PostgreSQL at {where} ({socket.Message})",
        NpgsqlException npgsql => $"store '{store}': PostgreSQL connection to {where} failed ({Innermost(npgsql).Message})",
        _ => null,
    };

    /// <summary>Host and port of <paramref name="dataSource"/>, for messages (never the user or password).</summary>
    public static string Where(NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{builder.Host}:{builder.Port}";
    }

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is { } inner)
        {
            ex = inner;
        }

        return ex;
    }
}
