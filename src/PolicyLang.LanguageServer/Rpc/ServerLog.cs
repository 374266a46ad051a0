namespace PolicyLang.LanguageServer.Rpc;

/// <summary>The server's log: standard error (editors keep it as the server log); errors also go to the client.</summary>
public sealed class ServerLog(TextWriter error, Func<LanguageClient?> client)
{
    public void Info(string message) => Write($"policyc lsp: {message}");

    public void Error(string message)
    {
        Write($"policyc lsp: error: {message}");
        client()?.LogMessage(1, message);
    }

    private void Write(string line)
    {
        lock (error)
        {
            error.WriteLine(line);
            error.Flush();
        }
    }
}
