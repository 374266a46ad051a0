using DuckDB.NET.Data;
using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Stores.Folder;
using PolicyLang.Runtime.Testing;

namespace PolicyLang.Runtime.Tests;

/// <summary>A hand-built policy standing in for a generated enforcement class.</summary>
internal sealed class TestPolicy(PolicyModel model, IReadOnlyList<PolicyTestCase>? tests = null) : IEnforcementPolicy
{
    public PolicyModel Model { get; } = model;
    public IReadOnlyList<PolicyTestCase> Tests { get; } = tests ?? [];

    public void RegisterStores(StoreRegistry registry)
    {
        registry.Add(new DuckDbStoreProvider());
        registry.Add(new FolderStoreProvider());
    }
}

internal static class M
{
    public static readonly SourceRef Src = new("test.gov", 1, 1);
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static RuleModel Rule(string name, RuleKind kind, string? column, params object?[] args) =>
        new(name, kind, column, args, false, Severity.Error, null, [], Src);

    public static DatasetModel Dataset(string name, string table, string? key, IReadOnlyList<RuleModel> rules,
        RetentionModel? retention = null, IReadOnlyList<MaskModel>? masks = null, IReadOnlyList<ColumnModel>? columns = null, string store = "db") =>
        new(name, store, LocationKind.Table, table, key, "internal", columns ?? [], rules, retention, masks ?? [], [], Src);

    public static PolicyModel Policy(string dir, IReadOnlyList<DatasetModel> datasets, AuditModel? audit = null, IReadOnlyList<ControlModel>? controls = null) =>
        new("testpolicy", "Test policy",
            [
                new StoreModel("db", "duckdb", new Dictionary<string, SettingValue> { ["file"] = SettingValue.Of("data.duckdb") }),
                new StoreModel("archive", "folder", new Dictionary<string, SettingValue> { ["path"] = SettingValue.Of("archive") }),
            ],
            datasets, audit, controls ?? []);
}

/// <summary>A temp folder holding <c>data.duckdb</c> and <c>archive/</c>; deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pl-rt-" + Guid.NewGuid().ToString("N"));
    public string Db => System.IO.Path.Combine(Path, "data.duckdb");
    public string Archive => System.IO.Path.Combine(Path, "archive");

    public void Exec(params string[] statements)
    {
        using var c = Open();
        foreach (var sql in statements)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
    }

    public List<object?[]> Query(string sql)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public long Scalar(string sql) => Convert.ToInt64(Query(sql)[0][0]);

    public DuckDBConnection Open()
    {
        var c = new DuckDBConnection($"Data Source={Db}");
        c.Open();
        return c;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
