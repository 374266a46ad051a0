using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>
/// Publishes a policy's diagnostics a short quiet time after its last edit (typing does not compile on every key),
/// for every file of the policy, and clears those of files that left it. Only the newest edit's results are published.
/// </summary>
public sealed class DiagnosticsPublisher
{
    private readonly PolicyWorkspace workspace;
    private readonly Func<LanguageClient?> client;
    private readonly ServerLog log;
    private readonly TimeSpan delay;
    private readonly Lock gate = new();
    private readonly Dictionary<string, CancellationTokenSource> pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> published = new(StringComparer.Ordinal);

    public DiagnosticsPublisher(PolicyWorkspace workspace, Func<LanguageClient?> client, ServerLog log, TimeSpan delay)
    {
        this.workspace = workspace;
        this.client = client;
        this.log = log;
        this.delay = delay;
        workspace.PolicyChanged += Schedule;
    }

    public void Schedule(string root)
    {
        var cancellation = new CancellationTokenSource();
        lock (gate)
        {
            if (pending.Remove(root, out var previous))
            {
                previous.Cancel();
            }

            pending[root] = cancellation;
        }

        _ = PublishAfterDelay(root, cancellation.Token);
    }

    private async Task PublishAfterDelay(string root, CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(delay, cancellation);
            var snapshot = workspace.Snapshot(root);
            var diagnostics = DiagnosticConversion.ByDocument(snapshot);
            lock (gate)
            {
                // A newer edit is already waiting: these results are stale, it publishes its own.
                if (cancellation.IsCancellationRequested)
                {
                    return;
                }

                Publish(root, snapshot, diagnostics);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            log.Error($"diagnostics of '{root}' failed: {e}");
        }
    }

    private void Publish(string root, PolicySnapshot snapshot, IReadOnlyDictionary<PolicyDocument, List<LspDiagnostic>> diagnostics)
    {
        var target = client();
        if (target is null)
        {
            return;
        }

        var now = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in snapshot.Documents)
        {
            now.Add(document.Uri);
            target.PublishDiagnostics(new PublishDiagnosticsParams(document.Uri, document.Version, diagnostics.GetValueOrDefault(document) ?? []));
        }

        if (published.TryGetValue(root, out var before))
        {
            foreach (var gone in before.Where(uri => !now.Contains(uri)))
            {
                target.PublishDiagnostics(new PublishDiagnosticsParams(gone, null, []));
            }
        }

        published[root] = now;
    }
}
