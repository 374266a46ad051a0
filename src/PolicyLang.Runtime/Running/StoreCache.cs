using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Running;

/// <summary>Opens each store once per run, on first use, and remembers a failure so every dataset of that store reports it.</summary>
internal sealed class StoreCache : IAsyncDisposable
{
    private readonly StoreRegistry registry;
    private readonly StoreContext context;
    private readonly Dictionary<string, IStore> open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exception> failed = new(StringComparer.Ordinal);

    public StoreCache(StoreRegistry registry, StoreContext context)
    {
        this.registry = registry;
        this.context = context;
    }

    /// <summary>The context every store of the run is opened with.</summary>
    public StoreContext Context => context;

    public IStore Get(string name)
    {
        if (open.TryGetValue(name, out var store))
        {
            return store;
        }

        if (failed.TryGetValue(name, out var error))
        {
            throw error;
        }

        var model = context.Policy.Stores.FirstOrDefault(s => s.Name == name)
            ?? throw new RunException($"no store named '{name}' is declared");
        try
        {
            store = registry.Open(model, context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var wrapped = ex as RunException ?? new RunException($"store '{name}' ({model.Kind}) could not be opened: {ex.Message}", ex);
            failed[name] = wrapped;
            throw wrapped;
        }

        open[name] = store;
        return store;
    }

    public T Get<T>(string name, string purpose) where T : class =>
        Get(name) as T ?? throw new RunException($"store '{name}' cannot be used {purpose}");

    public async ValueTask DisposeAsync()
    {
        foreach (var store in open.Values)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }

        open.Clear();
    }
}
