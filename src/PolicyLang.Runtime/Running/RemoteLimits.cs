using System.Globalization;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Running;

/// <summary>
/// Limits on every call a store makes to a remote service (S3 requests, PostgreSQL and MongoDB commands): how long one attempt
/// may wait for an answer, how often a transient failure is retried, and how many retries one run may spend in all.
/// A stalled service therefore fails its dataset after a bounded time instead of holding the run (and its open delete
/// transaction) forever. Hosts set <see cref="RunOptions.Remote"/>; otherwise the environment variables below are read.
/// </summary>
/// <param name="Timeout">Longest wait for one attempt (for a streamed read: without receiving a byte).</param>
/// <param name="Retries">Retries of one call after a transient failure (throttling, 5xx, a timeout, a dropped connection); never after another 4xx.</param>
/// <param name="RetryBudget">Retries the whole run may spend; once spent, the next transient failure fails its call at once.</param>
public sealed record RemoteLimits(TimeSpan Timeout, int Retries, int RetryBudget)
{
    /// <summary>Seconds (a decimal number) for <see cref="Timeout"/>.</summary>
    public const string TimeoutVariable = "POLICYLANG_REMOTE_TIMEOUT";
    /// <summary>A whole number for <see cref="Retries"/>.</summary>
    public const string RetriesVariable = "POLICYLANG_REMOTE_RETRIES";
    /// <summary>A whole number for <see cref="RetryBudget"/>.</summary>
    public const string BudgetVariable = "POLICYLANG_RETRY_BUDGET";

    /// <summary>60 s per attempt, 4 retries per call, 25 retries per run.</summary>
    public static readonly RemoteLimits Default = new(TimeSpan.FromSeconds(60), 4, 25);

    /// <summary>The defaults, with each limit whose variable is set replaced by its value.</summary>
    /// <exception cref="RunException">A variable is set to something that is not a valid limit (the message names it).</exception>
    public static RemoteLimits FromEnvironment(Func<string, string?> environment)
    {
        var limits = Default;
        if (environment(TimeoutVariable) is { Length: > 0 } timeout)
        {
            limits = limits with
            {
                Timeout = double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 86_400
                    ? TimeSpan.FromSeconds(seconds)
                    : throw new RunException($"{TimeoutVariable} must be a number of seconds between 0 and 86400, not '{timeout}'"),
            };
        }

        if (environment(RetriesVariable) is { Length: > 0 } retries)
        {
            limits = limits with { Retries = Count(RetriesVariable, retries) };
        }

        if (environment(BudgetVariable) is { Length: > 0 } budget)
        {
            limits = limits with { RetryBudget = Count(BudgetVariable, budget) };
        }

        return limits;
    }

    /// <summary>The timeout for messages: "2 s", "1.5 s".</summary>
    public string TimeoutText => $"{Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private static int Count(string variable, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1000
            ? n
            : throw new RunException($"{variable} must be a whole number from 0 to 1000, not '{text}'");
}

/// <summary>The retries one run may still spend (<see cref="RemoteLimits.RetryBudget"/>), shared by all its stores; thread-safe.</summary>
public sealed class RetryBudget
{
    private int left;

    /// <summary>A budget of <paramref name="retries"/>.</summary>
    public RetryBudget(int retries) => left = retries;

    /// <summary>Takes one retry; false when the budget is spent.</summary>
    public bool TryTake()
    {
        while (true)
        {
            var left = Volatile.Read(ref this.left);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref this.left, left - 1, left) == left)
            {
                return true;
            }
        }
    }
}
