using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Runtime.Stores;

/// <summary>What a provider needs to open a store: the policy, the run options and setting resolution.</summary>
public sealed class StoreContext
{
    /// <summary>Creates a context for one run.</summary>
    public StoreContext(PolicyModel policy, RunOptions options)
    {
        Policy = policy;
        Options = options;
    }

    /// <summary>The policy being run.</summary>
    public PolicyModel Policy { get; }

    /// <summary>The run's options.</summary>
    public RunOptions Options { get; }

    private RemoteLimits? remote;

    /// <summary>
    /// Limits on every remote call of the run's stores: <see cref="RunOptions.Remote"/>, else read from the environment
    /// (<see cref="RemoteLimits.FromEnvironment"/>, the process environment); an invalid variable is a <see cref="RunException"/> naming it.
    /// </summary>
    public RemoteLimits Remote => remote ??= Options.Remote ?? RemoteLimits.FromEnvironment(System.Environment.GetEnvironmentVariable);

    /// <summary>The retries the run's stores may still spend together (<see cref="RemoteLimits.RetryBudget"/>).</summary>
    public RetryBudget RetryBudget => budget ??= new RetryBudget(Remote.RetryBudget);

    private RetryBudget? budget;

    /// <summary>Where the run's temporary files go: the runner's run folder (<see cref="RunFolder"/>), removed when the run ends.</summary>
    public string TempFolder { get; init; } = Path.GetTempPath();

    /// <summary>
    /// The value of setting <paramref name="key"/>, or null when the store does not declare it.
    /// An <c>env("X")</c> setting is read now; a missing variable is a <see cref="RunException"/> naming the variable (never a value).
    /// </summary>
    public string? Get(StoreModel store, string key)
    {
        if (!store.Settings.TryGetValue(key, out var setting))
        {
            return null;
        }

        if (setting.EnvironmentVariable is { } variable)
        {
            var value = Options.Environment(variable);
            if (string.IsNullOrEmpty(value))
            {
                throw new RunException($"store '{store.Name}': setting '{key}' reads environment variable '{variable}', which is not set");
            }

            return value;
        }

        return setting.Literal;
    }

    /// <summary>Like <see cref="Get"/> but the setting must be present.</summary>
    public string GetRequired(StoreModel store, string key) =>
        Get(store, key) ?? throw new RunException($"store '{store.Name}': setting '{key}' is required for kind '{store.Kind}'");

    /// <summary>A <c>file</c> or <c>path</c> setting as an absolute path; relative paths are relative to <see cref="RunOptions.BaseDirectory"/>.</summary>
    public string GetPath(StoreModel store, string key) =>
        Path.GetFullPath(GetRequired(store, key), Options.BaseDirectory);
}
