using MongoDB.Bson;
using PolicyLang.Runtime.Differential;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.MongoDb;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Testing.Engines;

/// <summary>
/// A case as collections of a throwaway database on the live server (<see cref="LiveMongo"/>; only when
/// <c>POLICYLANG_TEST_MONGO_URL</c> is set), checked by the mongodb store.
/// </summary>
internal sealed class MongoDbEngine : IRunEngine
{
    public string Name => "mongodb";

    public string Key => "_id";

    public async Task<CheckOutcome> CountAsync(GeneratedCase c)
    {
        using var live = new LiveMongo();
        var datasets = await LoadAsync(live, c, new CaseRun([]));
        var policy = M.MongoDbPolicy(datasets, tls: LiveMongo.Tls);
        var context = new StoreContext(policy, new RunOptions { Environment = _ => live.Url });
        await using var store = (MongoDbStore)new MongoDbStoreProvider().Open(policy.Stores[0], context);
        var result = await store.CheckAsync(new DatasetCheckRequest(datasets[0], c.Rules, c.Now, policy), CancellationToken.None);
        return new CheckOutcome(result.Counts, result.Queries);
    }

    public async Task<RunReport> RunAsync(GeneratedCase c, CaseRun run)
    {
        using var live = new LiveMongo();
        var datasets = await LoadAsync(live, c, run);
        return await live.RunAsync(M.Policy([M.MongoDb(LiveMongo.Tls), M.Folder()], datasets, controls: run.Controls));
    }

    /// <summary>Loads the case's tables as collections and returns its two datasets.</summary>
    private static async Task<List<DatasetModel>> LoadAsync(LiveMongo live, GeneratedCase c, CaseRun run)
    {
        foreach (var table in new[] { c.Facts, c.Dims })
        {
            // Created explicitly: an empty table must be an empty collection, not a missing one.
            await live.Database.CreateCollectionAsync(table.Name);
            if (Documents(table) is { Count: > 0 } documents)
            {
                await live[table.Name].InsertManyAsync(documents);
            }
        }

        var facts = M.Collection(c.Facts.Name, c.Facts.Name, c.Rules, masks: run.Masks) with { Columns = run.Columns ?? [] };
        return [facts, M.Collection(c.Dims.Name, c.Dims.Name, [])];
    }

    /// <summary>The rows as documents. A NULL is a missing field in odd rows and an explicit null in even rows: both must count the same.</summary>
    public static List<BsonDocument> Documents(GeneratedTable table) => table.Rows.Select((row, r) =>
    {
        var document = new BsonDocument("_id", r + 1);
        foreach (var (name, value) in row)
        {
            if (value is null && r % 2 == 1)
            {
                continue;
            }

            document[name] = MongoDbFields.Plain(value);
        }

        return document;
    }).ToList();
}
