namespace PolicyLang.Runtime.Model;

/// <summary>Where every run's results are kept (the policy's <c>history</c> block; docs/history.md).</summary>
/// <param name="Store">The store that keeps the history (postgres, duckdb, mongodb or folder).</param>
/// <param name="LocationKind"><c>table</c> (postgres, duckdb), <c>collection</c> (mongodb) or <c>path</c> (folder: a JSON Lines file relative to its folder).</param>
/// <param name="Location">The table, collection or file.</param>
public sealed record HistoryModel(string Store, string LocationKind, string Location);
