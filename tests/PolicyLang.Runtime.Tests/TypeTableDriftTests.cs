using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.Tests;

/// <summary>
/// Schema drift reads the language's own type table (PolicyLang.Contracts): a spelling the binder accepts is the same family
/// live, and the families the runtime once lacked (<c>time</c>, <c>document</c>) are compared too.
/// </summary>
public sealed class TypeTableDriftTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Declared_spellings_match_their_live_family_and_a_changed_family_is_drift()
    {
        dir.Exec("CREATE TABLE t (ratio DOUBLE, seen TIME, id UUID, n BIGINT, note VARCHAR)");
        await using var store = new DuckDbStore(new StoreModel("db", "duckdb", new Dictionary<string, SettingValue>()), dir.Db);
        var dataset = new DatasetModel("t", "db", LocationKind.Table, "t", null, null,
            [new("ratio", "float8", false, false), new("seen", "time", false, false), new("id", "text", false, false),
             new("n", "time", false, false), new("note", "document", false, false)],
            [], null, [], [], new SourceRef("p.gov", 1, 1));

        var findings = await store.CheckSchemaAsync(dataset, CancellationToken.None);

        Assert.Equal([("n", "type", "time", "BIGINT"), ("note", "type", "document", "VARCHAR")], findings.Select(f => (f.Column, f.Finding, f.Declared, f.Actual)));
    }

    [Theory]
    [InlineData("float8", "decimal")]
    [InlineData("time without time zone", "time")]
    [InlineData("uuid", "text")]
    [InlineData("document", "json")]
    [InlineData("geometry", null)]
    public void Families_are_named_as_the_language_names_them(string type, string? family) =>
        Assert.Equal(family, TypeFamilies.Of(type));
}
