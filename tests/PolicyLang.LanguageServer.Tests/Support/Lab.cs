using System.Text.Json;
using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>A server initialized on a copy of examples/astronomy-lab with lab.gov open.</summary>
internal sealed class Lab : IAsyncDisposable
{
    private Lab(TempPolicy policy, LanguageServerSession session)
    {
        Policy = policy;
        Session = session;
    }

    public TempPolicy Policy { get; }

    public LanguageServerSession Session { get; }

    public string Uri => Policy.Uri("lab.gov");

    public string Text => Policy.Read("lab.gov");

    public static async Task<Lab> OpenAsync(object? capabilities = null)
    {
        var policy = TempPolicy.CopyOfExample("astronomy-lab");
        var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path, capabilities);
        await session.OpenAsync(policy.Uri("lab.gov"), policy.Read("lab.gov"));
        return new Lab(policy, session);
    }

    public async Task<T> RequestAsync<T>(string method, object parameters) =>
        (await Session.RequestAsync(method, parameters)).Deserialize<T>(Rpc.ProtocolJson.Options)!;

    /// <summary>The 0-based position of the <paramref name="occurrence"/>-th <paramref name="text"/> in lab.gov (UTF-16).</summary>
    public Position Find(string text, int occurrence = 1)
    {
        var offset = -1;
        for (var i = 0; i < occurrence; i++)
        {
            offset = Text.IndexOf(text, offset + 1, StringComparison.Ordinal);
        }

        var before = Text[..offset];
        return new Position(before.Count(c => c == '\n'), offset - (before.LastIndexOf('\n') + 1));
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        Policy.Dispose();
    }
}
