using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

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
