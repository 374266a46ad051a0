using MongoDB.Driver;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// Opens <c>mongodb</c> stores. Settings: <c>connection</c> (env only; a MongoDB URI), <c>tls</c> (required | preferred | disabled;
/// default required). The database is the URI's path; collections are named by the dataset's location.
/// </summary>
public sealed class MongoDbStoreProvider : IStoreProvider, IStorePlanner
{
    /// <inheritdoc />
    public void WritePlan(PolicyModel policy, StoreModel store, DateTimeOffset now, TextWriter writer) =>
        MongoDbPlanWriter.Write(policy with { Datasets = [.. policy.Datasets.Where(d => d.Store == store.Name)] }, now, writer);

    /// <inheritdoc />
    public string Kind => "mongodb";

    /// <inheritdoc />
    public IStore Open(StoreModel store, StoreContext context)
    {
        var uri = MongoDbConnection.Uri(store, context);
        var settings = MongoDbConnection.Settings(store.Name, uri, context.Get(store, "tls"));
        MongoDbConnection.Limit(settings, context.Remote);
        var database = MongoDbConnection.Database(store.Name, uri);
        // The client connects lazily: an unreachable server surfaces on the first command, as a dataset error.
        var client = new MongoClient(settings);
        return new MongoDbStore(store, client, client.GetDatabase(database));
    }
}
