using System.Text.Encodings.Web;
using System.Text.Json;

namespace PolicyLang.Core.Schedules;

/// <summary>YAML scalars for the job writers: every string double-quoted (a JSON string is a valid YAML double-quoted scalar).</summary>
internal static class Yaml
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Quote(string value) => JsonSerializer.Serialize(value, Options);

    /// <summary>A flow sequence of quoted strings: <c>["policyc", "run", "/policy"]</c>.</summary>
    public static string List(IEnumerable<string> values) => $"[{string.Join(", ", values.Select(Quote))}]";
}
