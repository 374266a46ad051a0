using MongoDB.Bson;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests;

/// <summary>Declared columns against a collection's <c>$jsonSchema</c> validator, from <c>listCollections</c>-shaped documents.</summary>
public sealed class SchemaTests
{
    private static DatasetModel Declared() => M.Dataset("logs", "obs_logs", []) with
    {
        Columns =
        [
            new ColumnModel("telescope", "text", NotNull: true, Pii: false),
            new ColumnModel("exposure_s", "double", true, false),
            new ColumnModel("observed_at", "timestamptz", true, false),
            new ColumnModel("operator", "text", false, true),
            new ColumnModel("seeing", "double", false, false),
        ],
    };

    [Fact]
    public void Validator_drift_is_missing_type_or_nullability()
    {
        var info = BsonDocument.Parse("""
            { name: 'obs_logs', type: 'collection', options: { validator: { $jsonSchema: {
                bsonType: 'object', required: ['telescope', 'observed_at'],
                properties: {
                  telescope: { bsonType: 'string' },
                  exposure_s: { bsonType: ['double', 'int', 'null'] },
                  observed_at: { bsonType: 'string' },
                  operator: { bsonType: ['string', 'null'] } } } } } }
            """);
        var findings = MongoDbSchema.Compare(Declared(), info).Select(f => $"{f.Column}:{f.Finding}").ToList();
        Assert.Equal(["exposure_s:nullability", "observed_at:type", "seeing:missing"], findings);
    }

    [Fact]
    public void Without_a_validator_there_is_nothing_to_compare()
    {
        Assert.Empty(MongoDbSchema.Compare(Declared(), BsonDocument.Parse("{ name: 'obs_logs', type: 'collection', options: {} }")));
    }
}
