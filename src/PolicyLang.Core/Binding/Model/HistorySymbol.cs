namespace PolicyLang.Core.Binding.Model;

/// <summary>
/// The <c>history</c> block: the store that keeps every run's results and where in it. <see cref="Location"/> is a table
/// (postgres, duckdb), a collection (mongodb) or a JSON Lines file relative to the folder (folder); <see cref="LocationKind"/>
/// says which (<c>table</c>, <c>collection</c>, <c>path</c>). When the block names none, the store kind's default.
/// </summary>
public sealed record HistorySymbol(StoreSymbol Store, string LocationKind, string Location, SourceLocation Declaration)
{
    /// <summary>The default location per store kind, and the keyword that names it.</summary>
    public static (string Keyword, string Location)? DefaultFor(StoreKind kind) => kind switch
    {
        StoreKind.Postgres => ("table", "governance.check_results"),
        StoreKind.DuckDb => ("table", "policylang_history"),
        StoreKind.MongoDb => ("collection", "policylang_history"),
        StoreKind.Folder => ("path", "history.jsonl"),
        _ => null,
    };
}
