using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Testing;

namespace PolicyLang.Runtime.Policy;

/// <summary>
/// What a generated enforcement assembly exposes: one public class implementing this interface.
/// The runner only ever sees the model, the store kinds the policy uses and its tests.
/// </summary>
public interface IEnforcementPolicy
{
    /// <summary>The compiled policy as plain data.</summary>
    PolicyModel Model { get; }

    /// <summary>Adds a provider for every store kind the policy uses, e.g. <c>registry.Add(new DuckDbStoreProvider())</c>.</summary>
    void RegisterStores(StoreRegistry registry);

    /// <summary>The policy's <c>test</c> blocks.</summary>
    IReadOnlyList<PolicyTestCase> Tests { get; }
}
