using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Running;

/// <summary>Opens each store once per run, on first use, and remembers a failure so every dataset of that store reports it.</summary>
internal sealed class StoreCache : IAsyncDisposable
{
    private readonly StoreRegistry _registry;
    private readonly StoreContext _context;
    private readonly Dictionary<string, IStore> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exception> _failed = new(StringComparer.Ordinal);

    public StoreCache(StoreRegistry registry, StoreContext context)
    {
        _registry = registry;
        _context = context;
    }

    /// <summary>The context every store of the run is opened with.</summary>
    public StoreContext Context => _context;

    public IStore Get(string name)
    {
        if (_open.TryGetValue(name, out var store))
        {
            return store;
        }

        if (_failed.TryGetValue(name, out var error))
        {
            throw error;
        }

        var model = _context.Policy.Stores.FirstOrDefault(s => s.Name == name)
            ?? throw new RunException($"no store named '{name}' is declared");
        try
        {
            store = _registry.Open(model, _context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var wrapped = ex as RunException ?? new RunException($"store '{name}' ({model.Kind}) could not be opened: {ex.Message}", ex);
            _failed[name] = wrapped;
            throw wrapped;
        }

        _open[name] = store;
        return store;
    }

    public T Get<T>(string name, string purpose) where T : class =>
        Get(name) as T ?? throw new RunException($"store '{name}' cannot be used {purpose}");

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _open.Values)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }

        _open.Clear();
    }
}
