using MongoDB.Bson;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// The pipeline that summarizes a backup tool's records of its copies in a collection (<c>evidence in docs collection "backups" by
/// finished_at</c>): one group counting the documents whose field is a date, with the oldest and newest of them. A document whose
/// field is missing, null or not a date is no record of a copy.
/// </summary>
internal static class MongoDbBackupRecords
{
    public static BsonDocument[] Pipeline(string timeField)
    {
        var field = "$" + timeField;
        var isDate = new BsonDocument("$eq", new BsonArray { new BsonDocument("$type", field), "date" });
        BsonValue DateOrRemove() => new BsonDocument("$cond", new BsonArray { isDate, field, "$$REMOVE" });
        return
        [
            new BsonDocument("$group", new BsonDocument
            {
                { "_id", BsonNull.Value },
                { "count", new BsonDocument("$sum", new BsonDocument("$cond", new BsonArray { isDate, 1, 0 })) },
                { "oldest", new BsonDocument("$min", DateOrRemove()) },
                { "newest", new BsonDocument("$max", DateOrRemove()) },
            }),
        ];
    }
}
