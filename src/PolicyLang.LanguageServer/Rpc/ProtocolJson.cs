using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyLang.LanguageServer.Rpc;

/// <summary>How protocol types are written: camelCase names, absent optional fields left out.</summary>
internal static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
