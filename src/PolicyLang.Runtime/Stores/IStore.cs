using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>Opens stores of one kind (duckdb, folder, ...). Registered by generated code in <see cref="StoreRegistry"/>.</summary>
public interface IStoreProvider
{
    /// <summary>The store kind this provider opens, as written in the policy (e.g. <c>duckdb</c>).</summary>
    string Kind { get; }

    /// <summary>Opens <paramref name="store"/>; settings are resolved through <paramref name="context"/>. Throws <see cref="RunException"/> on a user-facing failure.</summary>
    IStore Open(StoreModel store, StoreContext context);
}

/// <summary>An open store. A store implements the capability interfaces it supports (<see cref="IDataStore"/>, <see cref="IRetentionSource"/>, <see cref="IArchiveStore"/>, <see cref="IAuditStore"/>, <see cref="IAccessStore"/>).</summary>
public interface IStore : IAsyncDisposable
{
    /// <summary>The store's declaration.</summary>
    StoreModel Model { get; }

    /// <summary>
    /// One line for a failure of this store's driver that is not a <see cref="RunException"/> (a command that timed out, a dropped
    /// connection), naming the store and never a secret; null leaves the runner's generic "type: message".
    /// </summary>
    string? DescribeFailure(Exception failure) => null;
}

/// <summary>
/// A failure the user must act on (missing variable, unreachable store, unsupported rule):
/// reported as a run error with its message, never with a stack trace or a secret value.
/// </summary>
public sealed class RunException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public RunException(string message) : base(message) { }

    /// <summary>Creates the exception with a user-facing message and its cause.</summary>
    public RunException(string message, Exception inner) : base(message, inner) { }
}
