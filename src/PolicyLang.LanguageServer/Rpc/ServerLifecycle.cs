namespace PolicyLang.LanguageServer.Rpc;

/// <summary>The LSP lifecycle: initialize, then work, then shutdown, then exit (exit code 0 only after shutdown).</summary>
public sealed class ServerLifecycle
{
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsInitialized { get; private set; }

    public bool IsShutDown { get; private set; }

    /// <summary>Completes with the process exit code when the client sends <c>exit</c>.</summary>
    public Task<int> Exited => exited.Task;

    public void Initialize() => IsInitialized = true;

    public void ShutDown() => IsShutDown = true;

    public void Exit() => exited.TrySetResult(IsShutDown ? 0 : 1);
}
