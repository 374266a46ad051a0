using MongoDB.Bson;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>The TTL index that enforces a dataset's <c>retain ... then delete</c> inside MongoDB.</summary>
/// <param name="Collection">The collection.</param>
/// <param name="Field">The retention field (a BSON date; TTL ignores documents where it is not).</param>
/// <param name="ExpireAfterSeconds">The declared window in seconds.</param>
/// <param name="Name">The index name PolicyLang uses.</param>
public sealed record MongoDbTtlIndexPlan(string Collection, string Field, long ExpireAfterSeconds, string Name)
{
    /// <summary>The <c>createIndexes</c> command that creates the index (the window as a 32-bit integer, as the server stores it).</summary>
    public BsonDocument CreateCommand() => new()
    {
        { "createIndexes", Collection },
        { "indexes", new BsonArray { new BsonDocument { { "key", new BsonDocument(Field, 1) }, { "name", Name }, { "expireAfterSeconds", checked((int)ExpireAfterSeconds) } } } },
    };

    /// <summary>The <c>collMod</c> command that changes an existing TTL index on <see cref="Field"/> to this window.</summary>
    public BsonDocument UpdateCommand() => new()
    {
        { "collMod", Collection },
        { "index", new BsonDocument { { "keyPattern", new BsonDocument(Field, 1) }, { "expireAfterSeconds", checked((int)ExpireAfterSeconds) } } },
    };
}
