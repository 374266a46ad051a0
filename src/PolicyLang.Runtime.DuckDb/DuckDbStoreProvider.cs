using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.DuckDb;

/// <summary>Opens <c>duckdb</c> stores from their <c>file</c> setting (relative to the policy's folder).</summary>
public sealed class DuckDbStoreProvider : IStoreProvider, IStorePlanner
{
    /// <inheritdoc />
    public void WritePlan(PolicyModel policy, StoreModel store, DateTimeOffset now, TextWriter writer) =>
        DuckDbPlanWriter.Write(policy, store, now, writer);

    /// <inheritdoc />
    public string Kind => "duckdb";

    /// <inheritdoc />
    public IStore Open(StoreModel store, StoreContext context)
    {
        var file = context.GetPath(store, "file");
        // DuckDB would silently create a missing file, turning a mistyped path into "every table is missing".
        if (!System.IO.File.Exists(file))
        {
            throw new RunException($"store '{store.Name}': DuckDB file '{file}' does not exist");
        }

        try
        {
            return new DuckDbStore(store, file);
        }
        catch (Exception ex) when (ex is not RunException)
        {
            throw new RunException($"store '{store.Name}': cannot open DuckDB file '{file}': {ex.Message}", ex);
        }
    }
}
