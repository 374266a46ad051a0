using Npgsql;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// Turns a store's <c>connection</c> and <c>tls</c> settings into Npgsql settings.
/// INVARIANT: no message built here contains the connection text, a user name or a password.
/// </summary>
internal static class PostgresConnection
{
    /// <summary>
    /// Builds the connection settings from <paramref name="connection"/> (an Npgsql connection string or a
    /// <c>postgresql://user:password@host:port/db?sslmode=...</c> URL) and <paramref name="tls"/>:
    /// <c>required</c> → SSL mode Require (VerifyCA/VerifyFull kept when the connection asks for them; never plain text),
    /// <c>preferred</c> → Prefer, <c>disabled</c> → Disable; absent keeps what the connection says.
    /// </summary>
    /// <exception cref="RunException">The connection text or the tls value is invalid (the message never repeats the text).</exception>
    public static NpgsqlConnectionStringBuilder Build(string storeName, string connection, string? tls)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = IsUrl(connection) ? FromUrl(connection) : new NpgsqlConnectionStringBuilder(connection);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            // The driver's message can quote the offending text, which may hold a password: drop it.
            throw new RunException($"store '{storeName}': the connection setting is not a valid connection string or postgresql:// URL");
        }

        builder.SslMode = tls?.ToLowerInvariant() switch
        {
            null => builder.SslMode,
            "required" => builder.SslMode is SslMode.VerifyCA or SslMode.VerifyFull ? builder.SslMode : SslMode.Require,
            "preferred" => SslMode.Prefer,
            "disabled" => SslMode.Disable,
            _ => throw new RunException($"store '{storeName}': tls must be required, preferred or disabled, not '{tls}'"),
        };
        // Timestamps without zone are read and compared as UTC everywhere in the runtime.
        builder.Timezone = "UTC";
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "policylang";
        }
        // The fused check's many FILTER expressions push its cost estimate past jit_above_cost, and compiling them costs
        // more than it saves (5M rows, 10 rules: 4.65 s with JIT, 3.11 s without). An explicit jit in Options wins.
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = string.IsNullOrEmpty(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        }
        // The password must never be readable back from an open connection's ConnectionString.
        builder.PersistSecurityInfo = false;
        return builder;
    }

    /// <summary>
    /// Bounds every statement and connection attempt by the run's <paramref name="limits"/>: the command timeout becomes the limit's
    /// timeout (after it Npgsql cancels the statement, and breaks the connection when a frozen server does not answer the cancel, so
    /// an open transaction never outlives it), and the connect timeout is at most that. A command timeout the connection text sets
    /// (other than Npgsql's default) is kept.
    /// </summary>
    public static void Limit(NpgsqlConnectionStringBuilder builder, Running.RemoteLimits limits)
    {
        var seconds = (int)Math.Clamp(Math.Ceiling(limits.Timeout.TotalSeconds), 1, 1024);
        if (builder.CommandTimeout == NpgsqlDefaults.CommandTimeout)
        {
            builder.CommandTimeout = seconds;
        }

        builder.Timeout = Math.Min(builder.Timeout, seconds);
    }

    private static class NpgsqlDefaults
    {
        public static readonly int CommandTimeout = new NpgsqlConnectionStringBuilder().CommandTimeout;
    }

    private static bool IsUrl(string text) =>
        text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Converts a libpq-style URL; unknown query parameters are refused (by name) rather than silently ignored.</summary>
    internal static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder { Host = Uri.UnescapeDataString(uri.Host.Trim('[', ']')) };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            switch (name)
            {
                case "sslmode": builder.SslMode = SslModeOf(value); break;
                case "application_name": builder.ApplicationName = value; break;
                case "connect_timeout": builder.Timeout = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "sslrootcert": builder.RootCertificate = value; break;
                case "options": builder.Options = value; break;
                default: throw new FormatException($"unsupported URL parameter '{name}'");
            }
        }

        return builder;
    }

    private static SslMode SslModeOf(string libpq) => libpq switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new FormatException("unsupported sslmode"),
    };
}
