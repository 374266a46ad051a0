using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolicyLang.LanguageServer.Protocol;

public sealed record WorkspaceFolder(string Uri, string Name);

public sealed record InitializeParams(
    int? ProcessId,
    string? RootPath,
    string? RootUri,
    IReadOnlyList<WorkspaceFolder>? WorkspaceFolders,
    JsonElement? Capabilities,
    JsonElement? InitializationOptions);

public sealed record ServerInfo(string Name, string Version);

/// <summary><see cref="Capabilities"/> is built from the registered handlers (each adds what it answers).</summary>
public sealed record InitializeResult(JsonObject Capabilities, ServerInfo ServerInfo, string? OffsetEncoding);

/// <summary>Parameters of a message that has none (<c>shutdown</c>, <c>exit</c>) or whose content is not read (<c>initialized</c>).</summary>
public sealed record NoParams;
