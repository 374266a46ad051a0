using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Core.Emit;

/// <summary>Which runtime package implements each store kind; an enforcement assembly references only those its policy uses.</summary>
public static class RuntimeStores
{
    public const string RuntimeAssembly = "PolicyLang.Runtime";

    /// <summary>The assembly of the vocabulary generated code shares with Core (rule kinds, location kinds, duration units).</summary>
    public static string ContractsAssembly { get; } = typeof(RuleKind).Assembly.GetName().Name!;

    public static (string Assembly, string ProviderType) For(StoreKind kind) => kind switch
    {
        StoreKind.DuckDb => ("PolicyLang.Runtime.DuckDb", "global::PolicyLang.Runtime.DuckDb.DuckDbStoreProvider"),
        StoreKind.Folder => (RuntimeAssembly, "global::PolicyLang.Runtime.Stores.Folder.FolderStoreProvider"),
        StoreKind.Postgres => ("PolicyLang.Runtime.Postgres", "global::PolicyLang.Runtime.Postgres.PostgresStoreProvider"),
        StoreKind.MongoDb => ("PolicyLang.Runtime.MongoDb", "global::PolicyLang.Runtime.MongoDb.MongoDbStoreProvider"),
        StoreKind.S3 => ("PolicyLang.Runtime.S3", "global::PolicyLang.Runtime.S3.S3StoreProvider"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown store kind"),
    };

    /// <summary>
    /// GOV0502 at each store whose runtime assembly <paramref name="isAvailable"/> says is missing: the one form every host
    /// reports (the CLI and the MSBuild task look next to the compiler, the source generator at the project's references).
    /// </summary>
    public static IReadOnlyList<Diagnostic> Missing(IEnumerable<StoreSymbol> stores, Func<string, bool> isAvailable) =>
        [.. stores
            .Select(store => (Store: store, For(store.Kind).Assembly))
            .Where(s => !isAvailable(s.Assembly))
            .Select(s => new Diagnostic(
                EmitDiagnostics.StoreNotAvailable,
                $"store `{s.Store.Name}` is a {s.Store.KindName} store, whose runtime package `{s.Assembly}` is not available to this build: reference or install it to build the enforcement assembly (checks and documents do not need it)",
                s.Store.Location.File,
                s.Store.Location.Span))];
}
