using MongoDB.Bson;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>Compares declared columns with a collection's <c>$jsonSchema</c> validator (from <c>listCollections</c>).</summary>
internal static class MongoDbSchema
{
    /// <summary>Findings for <paramref name="dataset"/> given its <c>listCollections</c> entry <paramref name="collectionInfo"/>.</summary>
    public static IReadOnlyList<SchemaFinding> Compare(DatasetModel dataset, BsonDocument collectionInfo)
    {
        var schema = collectionInfo.GetValue("options", new BsonDocument()) is BsonDocument o
                     && o.GetValue("validator", new BsonDocument()) is BsonDocument v
                     && v.GetValue("$jsonSchema", BsonNull.Value) is BsonDocument s ? s : null;
        if (schema is null)
        {
            return [];
        }

        var properties = schema.GetValue("properties", new BsonDocument()) as BsonDocument ?? [];
        var required = (schema.GetValue("required", new BsonArray()) as BsonArray ?? []).Select(x => x.ToString()).ToHashSet(StringComparer.Ordinal);
        var findings = new List<SchemaFinding>();
        foreach (var column in dataset.Columns)
        {
            if (!properties.TryGetValue(column.Name, out var property) || property is not BsonDocument p)
            {
                findings.Add(new SchemaFinding(column.Name, "missing", column.Type, "absent from $jsonSchema"));
                continue;
            }

            var types = Types(p);
            var declared = Family(column.Type);
            if (declared is not null && types.Count > 0 && !types.Any(t => Family(t) == declared))
            {
                findings.Add(new SchemaFinding(column.Name, "type", column.Type, string.Join("|", types)));
            }

            if (column.NotNull && (!required.Contains(column.Name) || types.Contains("null")))
            {
                findings.Add(new SchemaFinding(column.Name, "nullability", "not null", "nullable"));
            }
        }

        return findings;
    }

    private static List<string> Types(BsonDocument property)
    {
        var value = property.GetValue("bsonType", BsonNull.Value);
        return value switch
        {
            BsonString s => [s.Value],
            BsonArray a => a.Select(x => x.ToString()!).ToList(),
            _ => [],
        };
    }

    // Coarse families so "bigint" declared and "long" live do not count as drift.
    private static string? Family(string type) => type.Trim().ToLowerInvariant() switch
    {
        "string" or "text" or "varchar" or "char" or "uuid" or "objectid" => "string",
        "int" or "integer" or "bigint" or "long" or "smallint" => "integer",
        "float" or "double" or "real" or "decimal" or "numeric" or "number" => "number",
        "bool" or "boolean" => "boolean",
        "timestamp" or "timestamptz" or "datetime" or "date" => "timestamp",
        "object" or "json" => "json",
        _ => null,
    };
}
