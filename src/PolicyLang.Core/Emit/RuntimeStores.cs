using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Emit;

/// <summary>Which runtime package implements each store kind; an enforcement assembly references only those its policy uses.</summary>
public static class RuntimeStores
{
    public const string RuntimeAssembly = "PolicyLang.Runtime";

    public static (string Assembly, string ProviderType) For(StoreKind kind) => kind switch
    {
        StoreKind.DuckDb => ("PolicyLang.Runtime.DuckDb", "global::PolicyLang.Runtime.DuckDb.DuckDbStoreProvider"),
        StoreKind.Folder => (RuntimeAssembly, "global::PolicyLang.Runtime.Stores.Folder.FolderStoreProvider"),
        StoreKind.Postgres => ("PolicyLang.Runtime.Postgres", "global::PolicyLang.Runtime.Postgres.PostgresStoreProvider"),
        StoreKind.MongoDb => ("PolicyLang.Runtime.MongoDb", "global::PolicyLang.Runtime.MongoDb.MongoDbStoreProvider"),
        StoreKind.S3 => ("PolicyLang.Runtime.S3", "global::PolicyLang.Runtime.S3.S3StoreProvider"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown store kind"),
    };
}
