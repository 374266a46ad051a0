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

    /// <summary>The 0-based position of the first <paramref name="text"/> in lab.gov (UTF-16), moved <paramref name="shift"/> characters on.</summary>
    public Position Find(string text, int shift = 0)
    {
        var offset = Text.IndexOf(text, StringComparison.Ordinal);
        if (offset < 0)
        {
            throw new InvalidOperationException($"`{text}` is not in lab.gov");
        }

        offset += shift;

        var before = Text[..offset];
        return new Position(before.Count(c => c == '\n'), offset - (before.LastIndexOf('\n') + 1));
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        Policy.Dispose();
    }
}
