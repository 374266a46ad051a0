using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Live;

/// <summary>The shared behaviour corpus on a live server: the store must give the corpus's answers, like every engine.</summary>
public sealed class LiveCorpusTests
{
    public static TheoryData<string> Cases() => new(MongoCorpus.Names());

    [LiveMongoTheory]
    [MemberData(nameof(Cases))]
    public async Task The_store_agrees_with_the_corpus(string name)
    {
        using var live = new LiveMongo();
        var c = MongoCorpus.Case(name);
        var rules = MongoCorpus.Rules(c);
        var datasets = new List<DatasetModel> { M.Dataset("data", "data", rules.Select(r => r.Rule).ToList()) };
        // Created explicitly: an empty case must be an empty collection, not a missing one.
        await live.Database.CreateCollectionAsync("data");
        if (MongoCorpus.Documents(c) is { Count: > 0 } documents) await live["data"].InsertManyAsync(documents);
        if (c.TryGetProperty("target", out var t))
        {
            var target = t.GetProperty("name").GetString()!;
            datasets.Add(M.Dataset(target, target, []));
            await live[target].InsertManyAsync(MongoCorpus.Documents(t));
        }
        var policy = M.Policy(datasets, tls: LiveMongo.Tls);
        var context = new StoreContext(policy, new RunOptions { Environment = _ => live.Url });
        await using var store = (MongoDbStore)new MongoDbStoreProvider().Open(policy.Stores[0], context);
        var result = await store.CheckAsync(new DatasetCheckRequest(datasets[0], datasets[0].Rules, MongoCorpus.Now, policy), CancellationToken.None);
        Assert.Equal(1, result.Queries);
        Assert.Equal(rules.Select(r => r.Expected), rules.Zip(result.Counts, (r, n) => MongoCorpus.Describe(r.Rule, n)));
    }
}
