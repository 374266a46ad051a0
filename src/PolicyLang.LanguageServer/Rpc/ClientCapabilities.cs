using System.Text.Json;

namespace PolicyLang.LanguageServer.Rpc;

/// <summary>What the client said it supports in <c>initialize</c>, read by path (<c>"textDocument", "hover", "contentFormat"</c>).</summary>
public sealed class ClientCapabilities(JsonElement? capabilities)
{
    public static ClientCapabilities None { get; } = new(null);

    /// <summary>The value at <paramref name="path"/>, or null when the client did not send it.</summary>
    public JsonElement? Get(params string[] path)
    {
        if (capabilities is not { ValueKind: JsonValueKind.Object } current)
        {
            return null;
        }

        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>True when the value at <paramref name="path"/> is <c>true</c>.</summary>
    public bool Supports(params string[] path) => Get(path) is { ValueKind: JsonValueKind.True };

    /// <summary>The strings of the array at <paramref name="path"/> (empty when absent).</summary>
    public IReadOnlyList<string> Strings(params string[] path) =>
        Get(path) is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
}
