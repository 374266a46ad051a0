using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.MongoDb;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Postgres;
using PolicyLang.Runtime.S3;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Stores.Folder;
using PolicyLang.Runtime.Testing;

namespace PolicyLang.Testing;

/// <summary>
/// A hand-built policy standing in for a generated enforcement class. It registers every store kind (the s3 provider with
/// <paramref name="s3"/> options when given), or only <paramref name="providers"/>.
/// </summary>
internal sealed class TestPolicy(PolicyModel model, IReadOnlyList<PolicyTestCase>? tests = null, S3StoreOptions? s3 = null, IReadOnlyList<IStoreProvider>? providers = null)
    : IEnforcementPolicy
{
    public PolicyModel Model { get; } = model;
    public IReadOnlyList<PolicyTestCase> Tests { get; } = tests ?? [];

    public void RegisterStores(StoreRegistry registry)
    {
        IStoreProvider[] all =
        [
            new DuckDbStoreProvider(), new FolderStoreProvider(), new PostgresStoreProvider(), new MongoDbStoreProvider(),
            s3 is null ? new S3StoreProvider() : new S3StoreProvider(s3),
        ];
        foreach (var provider in providers ?? all)
        {
            registry.Add(provider);
        }
    }
}
