using MongoDB.Bson;
using PolicyLang.Runtime.Model;
using PolicyLang.Testing.Engines;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Semantics;

/// <summary>The shared behaviour corpus through the planned pipeline, evaluated by mingo (see <see cref="Mingo"/>).</summary>
public sealed class CorpusSemanticsTests
{
    public static TheoryData<string> Cases() => new(BehaviourCorpus.Names());

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_pipeline_agrees_with_the_corpus(string name)
    {
        var c = BehaviourCorpus.Case(name);
        var stored = c.ToEngineCase();
        var datasets = new List<DatasetModel> { M.Collection("data", "data", c.RuleModels) };
        var collections = new Dictionary<string, IReadOnlyList<BsonDocument>> { ["data"] = MongoDbEngine.Documents(stored.Facts) };
        if (c.Target is { } target)
        {
            datasets.Add(M.Collection(target.Name, target.Name, []));
            collections[target.Name] = MongoDbEngine.Documents(stored.Dims);
        }

        var plan = MongoDbCheckPipeline.Plan(datasets[0], datasets[0].Rules, BehaviourCorpus.Now, M.MongoDbPolicy(datasets));
        var result = Mingo.Aggregate("data", plan.Stages, collections).SingleOrDefault();
        var (_, counts) = plan.Read(result, c.RuleModels);
        Assert.Equal(c.Expected, c.Measured(counts));
    }
}
