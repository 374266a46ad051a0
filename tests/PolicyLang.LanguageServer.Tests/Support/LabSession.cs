using System.Text.Json;
using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>A server initialized on a copy of the astronomy lab with lab.gov open, and positions found by text.</summary>
internal sealed class LabSession : IAsyncDisposable
{
    private LabSession(TempPolicy policy, LanguageServerSession session, string text)
    {
        Policy = policy;
        Session = session;
        Text = text;
    }

    public TempPolicy Policy { get; }

    public LanguageServerSession Session { get; }

    public string Text { get; }

    public string Uri => Policy.Uri("lab.gov");

    public static async Task<LabSession> StartAsync(object? capabilities = null, string? text = null, params (string Path, string Text)[] others)
    {
        var policy = TempPolicy.CopyOfExample("astronomy-lab");
        text ??= policy.Read("lab.gov");
        policy.Write("lab.gov", text);
        foreach (var (path, content) in others)
        {
            policy.Write(path, content);
        }

        var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path, capabilities);
        await session.OpenAsync(policy.Uri("lab.gov"), text);
        return new LabSession(policy, session, text);
    }

    /// <summary>The position of the <paramref name="occurrence"/>-th <paramref name="find"/> in <paramref name="text"/>, plus <paramref name="delta"/> characters (ASCII text).</summary>
    public static Position PositionOf(string text, string find, int delta = 0, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(find, index + 1, StringComparison.Ordinal);
            if (index < 0)
            {
                throw new ArgumentException($"no occurrence {occurrence} of `{find}`");
            }
        }

        var offset = index + delta;
        var line = text[..offset].Count(c => c == '\n');
        return new Position(line, offset - (text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1));
    }

    public Position At(string find, int delta = 0, int occurrence = 1) => PositionOf(Text, find, delta, occurrence);

    public Task<JsonElement> RequestAsync(string method, object parameters) => Session.RequestAsync(method, parameters);

    public Task<JsonElement> AtAsync(string method, Position position, object? extra = null)
    {
        var parameters = new Dictionary<string, object?> { ["textDocument"] = new { uri = Uri }, ["position"] = position };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            parameters[property.Name] = property.GetValue(extra);
        }

        return Session.RequestAsync(method, parameters);
    }

    /// <summary>Applies a WorkspaceEdit's edits for <paramref name="uri"/> to <paramref name="text"/>.</summary>
    public static string Apply(string text, JsonElement workspaceEdit, string uri)
    {
        var edits = workspaceEdit.GetProperty("changes").GetProperty(uri).Deserialize<List<TextEdit>>(Rpc.ProtocolJson.Options)!;
        foreach (var edit in edits.OrderByDescending(e => e.Range.Start.Line).ThenByDescending(e => e.Range.Start.Character))
        {
            var start = Offset(text, edit.Range.Start);
            text = text[..start] + edit.NewText + text[Offset(text, edit.Range.End)..];
        }

        return text;
    }

    public static int Offset(string text, Position position)
    {
        var lineStart = 0;
        for (var i = 0; i < position.Line; i++)
        {
            lineStart = text.IndexOf('\n', lineStart) + 1;
        }

        return lineStart + position.Character;
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        Policy.Dispose();
    }
}
