using MongoDB.Driver;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// Turns a store's <c>connection</c> and <c>tls</c> settings into driver settings. The URI is a secret: it must come from
/// <c>env()</c>, and no message built here (or an exception passed on from here) contains it.
/// </summary>
internal static class MongoDbConnection
{
    /// <summary>
    /// Bounds every command by the run's <paramref name="limits"/>: choosing a server, connecting and waiting on a socket each time
    /// out after the limit's timeout, so a stalled server fails its dataset instead of holding the run; the driver retries a read or
    /// write once after a network error (retryable reads and writes, its defaults) and never more. Values the URI sets are kept.
    /// </summary>
    public static void Limit(MongoClientSettings settings, Running.RemoteLimits limits)
    {
        var defaults = new MongoClientSettings();
        if (settings.ServerSelectionTimeout == defaults.ServerSelectionTimeout)
        {
            settings.ServerSelectionTimeout = limits.Timeout;
        }

        if (settings.ConnectTimeout == defaults.ConnectTimeout)
        {
            settings.ConnectTimeout = limits.Timeout;
        }

        if (settings.SocketTimeout == defaults.SocketTimeout)
        {
            settings.SocketTimeout = limits.Timeout;
        }

        settings.RetryReads = true;
        settings.RetryWrites = true;
    }

    /// <summary>
    /// Driver settings for <paramref name="uri"/> under TLS mode <paramref name="tls"/> (null means <c>required</c>):
    /// <c>required</c> forces TLS with certificate validation whatever the URI says (the driver never falls back to plain text);
    /// <c>disabled</c> forces plain text; <c>preferred</c> keeps the URI's own choice (<c>tls=true</c>, or the default of
    /// <c>mongodb+srv://</c>) because the driver has no opportunistic TLS.
    /// </summary>
    /// <exception cref="RunException">The URI does not parse, or contradicts the TLS mode.</exception>
    public static MongoClientSettings Settings(string storeName, string uri, string? tls)
    {
        MongoUrl url;
        try { url = MongoUrl.Create(uri); }
        catch (Exception ex) when (ex is MongoConfigurationException or ArgumentException or FormatException)
        {
            // INVARIANT: the parser's message quotes the URI (credentials included); it is neither shown nor chained.
            throw new RunException($"store '{storeName}': the connection setting is not a valid MongoDB URI");
        }

        var settings = MongoClientSettings.FromUrl(url);
        settings.ApplicationName ??= "policylang";
        switch ((tls ?? "required").ToLowerInvariant())
        {
            case "required":
                if (url.AllowInsecureTls)
                {
                    throw new RunException($"store '{storeName}': tls is required but the connection URI disables certificate validation (tlsInsecure / tlsAllowInvalidCertificates)");
                }

                settings.UseTls = true;
                settings.AllowInsecureTls = false;
                break;
            case "disabled":
                if (url.UseTls && !uri.StartsWith("mongodb+srv://", StringComparison.OrdinalIgnoreCase))
                {
                    throw new RunException($"store '{storeName}': tls is disabled but the connection URI asks for TLS");
                }

                settings.UseTls = false;
                break;
            case "preferred":
                break;
            default:
                throw new RunException($"store '{storeName}': tls must be required, preferred or disabled, not '{tls}'");
        }

        return settings;
    }

    /// <summary>The database a store uses: the connection URI's path (<c>mongodb://host/&lt;database&gt;</c>), which is required.</summary>
    public static string Database(string storeName, string uri)
    {
        string? name;
        try { name = MongoUrl.Create(uri).DatabaseName; }
        catch (Exception ex) when (ex is MongoConfigurationException or ArgumentException or FormatException) { name = null; }

        return string.IsNullOrEmpty(name)
            ? throw new RunException($"store '{storeName}': name the database in the connection URI's path (mongodb://host/<database>)")
            : name;
    }

    /// <summary>Reads the <c>connection</c> setting, refusing a literal: a URI carries credentials and must not be written in a policy.</summary>
    public static string Uri(StoreModel store, StoreContext context)
    {
        if (store.Settings.TryGetValue("connection", out var setting) && setting.EnvironmentVariable is null)
        {
            throw new RunException($"store '{store.Name}': connection must be read from the environment (connection env(\"NAME\")), never written literally");
        }

        return context.GetRequired(store, "connection");
    }
}
