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
