using MongoDB.Bson;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Semantics;

/// <summary>The shared behaviour corpus through the planned pipeline, evaluated by mingo (see <see cref="Mingo"/>).</summary>
public sealed class CorpusSemanticsTests
{
    public static TheoryData<string> Cases() => new(MongoCorpus.Names());

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_pipeline_agrees_with_the_corpus(string name)
    {
        var c = MongoCorpus.Case(name);
        var rules = MongoCorpus.Rules(c);
        var datasets = new List<DatasetModel> { M.Dataset("data", "data", rules.Select(r => r.Rule).ToList()) };
        var collections = new Dictionary<string, IReadOnlyList<BsonDocument>> { ["data"] = MongoCorpus.Documents(c) };
        if (c.TryGetProperty("target", out var t))
        {
            var target = t.GetProperty("name").GetString()!;
            datasets.Add(M.Dataset(target, target, []));
            collections[target] = MongoCorpus.Documents(t);
        }
        var plan = MongoDbCheckPipeline.Plan(datasets[0], datasets[0].Rules, MongoCorpus.Now, M.Policy(datasets));
        var result = Mingo.Aggregate("data", plan.Stages, collections).SingleOrDefault();
        var (_, counts) = plan.Read(result, rule => Convert.ToInt64(rules.Single(r => r.Rule.Name == rule).Rule.Args[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(rules.Select(r => r.Expected), rules.Zip(counts, (r, n) => MongoCorpus.Describe(r.Rule, n)));
    }
}
