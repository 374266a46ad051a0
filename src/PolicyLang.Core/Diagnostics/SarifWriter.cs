using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Diagnostics;

/// <summary>Formats diagnostics as a SARIF 2.1.0 log (one run, tool `policyc`).</summary>
public static class SarifWriter
{
    public static string Write(IEnumerable<Diagnostic> diagnostics, string toolVersion, Func<string, string>? toUri = null)
    {
        toUri ??= path => path.Replace('\\', '/');
        var list = diagnostics.ToList();
        var rules = new JsonArray(list.Select(d => d.Descriptor).Distinct().OrderBy(d => d.Code, StringComparer.Ordinal)
            .Select(d => (JsonNode)new JsonObject
            {
                ["id"] = d.Code,
                ["name"] = string.Concat(d.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
                ["shortDescription"] = new JsonObject { ["text"] = d.Title },
                ["fullDescription"] = new JsonObject { ["text"] = d.Explanation },
                ["helpUri"] = d.HelpUri,
                ["defaultConfiguration"] = new JsonObject { ["level"] = Level(d.Severity) },
            }).ToArray());
        var results = new JsonArray(list.Select(d => (JsonNode)Result(d, toUri)).ToArray());
        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "policyc",
                        ["informationUri"] = "https://policylang.dev",
                        ["version"] = toolVersion,
                        ["rules"] = rules,
                    },
                },
                ["results"] = results,
            }),
        };
        return log.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Result(Diagnostic d, Func<string, string> toUri)
    {
        var result = new JsonObject
        {
            ["ruleId"] = d.Code,
            ["level"] = Level(d.Severity),
            ["message"] = new JsonObject { ["text"] = d.Message },
            ["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = PhysicalLocation(d.File, d.Span, toUri) }),
        };
        if (d.Related is { } related)
        {
            // SARIF 2.1.0 §3.27.22: other places the result is about, each with its own message (editors link them).
            result["relatedLocations"] = new JsonArray(new JsonObject
            {
                ["id"] = 1,
                ["physicalLocation"] = PhysicalLocation(related.File, related.Span, toUri),
                ["message"] = new JsonObject { ["text"] = related.Message },
            });
        }

        return result;
    }

    private static JsonObject PhysicalLocation(SourceFile file, TextSpan span, Func<string, string> toUri)
    {
        var (start, end) = (file.GetPosition(span.Start), file.GetPosition(span.End));
        return new JsonObject
        {
            ["artifactLocation"] = new JsonObject { ["uri"] = toUri(file.Path) },
            ["region"] = new JsonObject
            {
                ["startLine"] = start.Line,
                ["startColumn"] = start.Column,
                ["endLine"] = end.Line,
                ["endColumn"] = end.Column,
            },
        };
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };
}
