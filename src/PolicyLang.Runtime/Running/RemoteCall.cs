namespace PolicyLang.Runtime.Running;

/// <summary>
/// Runs one call to a remote service within <see cref="RemoteLimits"/>: each attempt is cancelled when it waits longer than the
/// timeout, and a transient failure is retried with jittered exponential backoff while the call's retries and the run's
/// <see cref="RetryBudget"/> last. The last failure surfaces as a <see cref="RemoteCallException"/>.
/// </summary>
public static class RemoteCall
{
    /// <summary>Runs <paramref name="call"/>, which must honour its attempt's token.</summary>
    public static Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, Func<Exception, bool> transient, RemoteLimits limits, RetryBudget budget,
        CancellationToken ct) =>
        RunAsync(attempt => call(attempt.Token), transient, limits, budget, ct);

    /// <summary>Runs <paramref name="call"/>; a streamed read calls <see cref="RemoteAttempt.Progressed"/> as bytes arrive, so the timeout bounds a stall, not the transfer.</summary>
    public static async Task<T> RunAsync<T>(Func<RemoteAttempt, Task<T>> call, Func<Exception, bool> transient, RemoteLimits limits, RetryBudget budget,
        CancellationToken ct)
    {
        for (var retries = 0; ; retries++)
        {
            using var attempt = new RemoteAttempt(limits.Timeout, ct);
            try
            {
                return await call(attempt).ConfigureAwait(false);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                var timedOut = attempt.TimedOut;
                if (!timedOut && !transient(ex))
                {
                    throw;
                }

                var spent = retries >= limits.Retries;
                if (spent || !budget.TryTake())
                {
                    throw new RemoteCallException(timedOut ? limits.Timeout : null, retries, budgetSpent: !spent, ex);
                }

                await Task.Delay(Backoff(retries), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Full jitter between half and all of min(8 s, 200 ms × 2^retry).</summary>
    private static TimeSpan Backoff(int retry)
    {
        var cap = Math.Min(8_000, 200 * Math.Pow(2, retry));
        return TimeSpan.FromMilliseconds(cap / 2 + Random.Shared.NextDouble() * cap / 2);
    }
}

/// <summary>One attempt of a <see cref="RemoteCall"/>: its token, cancelled by the caller or after the timeout without progress.</summary>
public sealed class RemoteAttempt : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly TimeSpan timeout;
    private readonly CancellationToken caller;

    internal RemoteAttempt(TimeSpan timeout, CancellationToken caller)
    {
        this.timeout = timeout;
        this.caller = caller;
        source = CancellationTokenSource.CreateLinkedTokenSource(caller);
        source.CancelAfter(timeout);
    }

    /// <summary>The attempt's token.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Restarts the timeout: the service is still answering.</summary>
    public void Progressed() => source.CancelAfter(timeout);

    internal bool TimedOut => source.IsCancellationRequested && !caller.IsCancellationRequested;

    /// <inheritdoc />
    public void Dispose() => source.Dispose();
}

/// <summary>A remote call that failed after its retries: <see cref="Exception.InnerException"/> is the last failure.</summary>
public sealed class RemoteCallException : Exception
{
    internal RemoteCallException(TimeSpan? timedOutAfter, int retries, bool budgetSpent, Exception last)
        : base(last.Message, last)
    {
        TimedOutAfter = timedOutAfter;
        Retries = retries;
        BudgetSpent = budgetSpent;
    }

    /// <summary>The timeout, when the last attempt got no answer in time.</summary>
    public TimeSpan? TimedOutAfter { get; }

    /// <summary>Retries made before giving up.</summary>
    public int Retries { get; }

    /// <summary>True when the run's retry budget, not the call's own retries, stopped the retrying.</summary>
    public bool BudgetSpent { get; }

    /// <summary>"after 2 retries", "after 1 retry; the run's retry budget is spent", "without retrying".</summary>
    public string RetriesText =>
        (Retries == 0 ? "without retrying" : Retries == 1 ? "after 1 retry" : $"after {Retries} retries")
        + (BudgetSpent ? "; the run's retry budget is spent" : "");
}
