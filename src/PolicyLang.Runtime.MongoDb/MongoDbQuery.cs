using MongoDB.Bson;
using PolicyLang.Runtime.Checks;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// One command of a MongoDB <see cref="CheckPlan{TQuery}"/>: an <c>aggregate</c> (<see cref="Stages"/>) or, for the sample of a
/// per-document rule, a <c>find</c> (<see cref="Filter"/>).
/// </summary>
internal sealed record MongoDbQuery(string Purpose, bool CountsRows, IReadOnlyList<RuleAnswer> Answers) : CheckQuery(Purpose, CountsRows, Answers)
{
    /// <summary>The aggregation pipeline; null for a <c>find</c>.</summary>
    public BsonDocument[]? Stages { get; init; }

    /// <summary>For a counting aggregate: the result paths of its numbers (see <see cref="MongoDbPipeline.Outputs"/>).</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>For a sample <c>find</c>: the filter (the rule's violation as <c>$expr</c>).</summary>
    public BsonDocument? Filter { get; init; }

    /// <summary>For a sample <c>find</c>: its projection, order and limit.</summary>
    public (BsonDocument Projection, BsonDocument Sort, int Limit) Find { get; init; }

    /// <summary>For a sample: the fields of each row (the key, then the rule's field).</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>The counting aggregate of <paramref name="pipeline"/>.</summary>
    public static MongoDbQuery Count(string purpose, MongoDbPipeline pipeline) =>
        new(purpose, true, pipeline.Answers) { Stages = pipeline.Stages, Outputs = pipeline.Outputs };
}
