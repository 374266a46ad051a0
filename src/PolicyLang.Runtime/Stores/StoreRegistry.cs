using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>The store providers a policy needs, by kind.</summary>
public sealed class StoreRegistry
{
    private readonly Dictionary<string, IStoreProvider> providers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers <paramref name="provider"/>; a later provider of the same kind replaces an earlier one.</summary>
    public void Add(IStoreProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        providers[provider.Kind] = provider;
    }

    /// <summary>The registered kinds.</summary>
    public IReadOnlyCollection<string> Kinds => providers.Keys;

    /// <summary>The planner of a store kind, when its provider can describe a run without connecting.</summary>
    public IStorePlanner? Planner(string kind) =>
        providers.TryGetValue(kind, out var provider) ? provider as IStorePlanner : null;

    /// <summary>The initializer of a store kind, when its provider can set up governance objects as an administrator.</summary>
    public IStoreInitializer? Initializer(string kind) =>
        providers.TryGetValue(kind, out var provider) ? provider as IStoreInitializer : null;

    /// <summary>Opens <paramref name="store"/> with the provider of its kind.</summary>
    /// <exception cref="RunException">No provider is registered for the store's kind.</exception>
    public IStore Open(StoreModel store, StoreContext context)
    {
        if (!providers.TryGetValue(store.Kind, out var provider))
        {
            throw new RunException($"store '{store.Name}': no provider for kind '{store.Kind}' is registered");
        }

        return provider.Open(store, context);
    }
}
