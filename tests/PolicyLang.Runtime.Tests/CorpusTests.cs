using PolicyLang.Testing;
using PolicyLang.Testing.Engines;
using Xunit;

namespace PolicyLang.Runtime.Tests;

/// <summary>
/// tests/corpus/rules.json, the one truth every engine must agree with, run once over every engine: the in-memory evaluator,
/// DuckDB, PostgreSQL and MongoDB (live only with a server).
/// </summary>
public sealed class CorpusTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    public static TheoryData<string> Cases() => new(BehaviourCorpus.Names());

    [Theory]
    [MemberData(nameof(Cases))]
    public Task In_memory_evaluator_agrees_with_the_corpus(string name) => AgreesAsync(new InMemoryEngine(), name);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Duckdb_store_agrees_with_the_corpus(string name) => AgreesAsync(new DuckDbEngine(), name);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Postgres_store_agrees_with_the_corpus(string name) => AgreesAsync(new PostgresEngine(db), name);

    [LiveMongoTheory]
    [MemberData(nameof(Cases))]
    public async Task Mongodb_store_agrees_with_the_corpus(string name)
    {
        var outcome = await AgreesAsync(new MongoDbEngine(), name);
        // One aggregation pipeline answers every rule of a collection.
        Assert.Equal(1, outcome.Queries);
    }

    private static async Task<CheckOutcome> AgreesAsync(ICheckEngine engine, string name)
    {
        var c = BehaviourCorpus.Case(name);
        var outcome = await engine.CountAsync(c.ToEngineCase());
        Assert.Equal(c.Expected, c.Measured(outcome.Counts));
        return outcome;
    }
}
