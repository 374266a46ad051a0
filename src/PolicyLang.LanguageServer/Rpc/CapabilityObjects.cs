using System.Text.Json.Nodes;

namespace PolicyLang.LanguageServer.Rpc;

public static class CapabilityObjects
{
    /// <summary>The object under <paramref name="name"/>, created when absent, for capabilities several handlers fill (<c>textDocumentSync</c>).</summary>
    public static JsonObject Object(this JsonObject capabilities, string name)
    {
        if (capabilities[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        capabilities[name] = created;
        return created;
    }
}
