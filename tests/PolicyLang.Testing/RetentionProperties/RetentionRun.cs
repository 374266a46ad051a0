using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Testing.RetentionProperties;

/// <summary>One run of <see cref="RetentionProtocol"/> over a case, as every property engine runs it.</summary>
internal static class RetentionRun
{
    /// <summary>
    /// Runs the case's retention of <paramref name="dataset"/>; with <paramref name="crash"/> the case's fault point throws, which
    /// stands for the process dying (an open delete is rolled back), and the protocol's partial result is returned.
    /// </summary>
    public static async Task<(RetentionResult Result, bool Crashed)> RunAsync(RetentionCase c, DatasetModel dataset, IRetentionSource store,
        IArchiveStore archive, string baseDirectory, bool dryRun, bool crash)
    {
        var options = new RunOptions { BaseDirectory = baseDirectory, Now = c.Now, BatchSize = c.BatchSize, DryRun = dryRun, FaultInjection = crash ? c.CrashAt : null };
        var protocol = new RetentionProtocol("testpolicy", dataset, store, c.Format is null ? null : archive, options, (_, _) => Task.CompletedTask);
        try
        {
            return (await protocol.RunAsync(c.Now, CancellationToken.None), false);
        }
        catch (IOException e) when (e.Message == RetentionCase.CrashMessage)
        {
            return (protocol.Partial, true);
        }
    }
}
