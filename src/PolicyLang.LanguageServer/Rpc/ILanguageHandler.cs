using System.Text.Json.Nodes;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Rpc;

/// <summary>
/// One LSP method. Handlers are listed in <see cref="RegisteredHandlers"/>; the server registers each with the JSON-RPC
/// connection and builds its advertised capabilities from them, so a method is advertised exactly when it answers.
/// </summary>
public interface ILanguageHandler
{
    /// <summary>The LSP method name, e.g. <c>textDocument/hover</c>.</summary>
    string Method { get; }

    /// <summary>Adds what this handler answers to the <c>ServerCapabilities</c> of the <c>initialize</c> result.</summary>
    void Advertise(JsonObject capabilities);

    void Register(JsonRpc rpc);
}
