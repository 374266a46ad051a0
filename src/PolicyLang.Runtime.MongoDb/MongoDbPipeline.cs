using MongoDB.Bson;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// A planned check aggregate: the pipeline stages, each rule's slot in the result, and cost warnings (e.g. <c>$lookup</c>).
/// Built by <see cref="MongoDbCheckPipeline"/>; <see cref="MongoDbCheckPlanner"/> turns it into the commands of a <see cref="CheckPlan{TQuery}"/>.
/// </summary>
internal sealed record MongoDbPipeline(BsonDocument[] Stages, IReadOnlyList<MongoDbRuleSlot> Slots, IReadOnlyList<string> Warnings)
{
    /// <summary>True when the pipeline is a <c>$facet</c> (some rule needs its own grouping).</summary>
    public bool IsFacet => Stages[0].Contains("$facet");

    /// <summary>The slots the result answers (<c>$group</c> sums and <c>$facet</c> branches), as the protocol reads them.</summary>
    public IReadOnlyList<RuleAnswer> Answers => Slots
        .Where(s => s.Kind is MongoDbSlotKind.Group or MongoDbSlotKind.Facet or MongoDbSlotKind.Observed)
        .Select(s => new RuleAnswer(s.Rule, s.Kind == MongoDbSlotKind.Observed ? AnswerShape.Observed
            : s.FreshField is not null ? AnswerShape.ViolationsAndFresh
            : s.ApplicableField is not null ? AnswerShape.ViolationsAndApplicable : AnswerShape.Violations))
        .ToList();

    /// <summary>
    /// The result paths of the numbers the pipeline answers, in <see cref="Answers"/> order after the row count: fields of the
    /// <c>$group</c> (inside the <c>counts</c> branch of a <c>$facet</c>) and the <c>v</c> of each other branch. An array on the way
    /// is read at its first element.
    /// </summary>
    public IReadOnlyList<string> Outputs
    {
        get
        {
            var group = IsFacet ? "counts." : "";
            var outputs = new List<string> { group + "total" };
            foreach (var slot in Slots)
            {
                if (slot.Kind is MongoDbSlotKind.Group or MongoDbSlotKind.Observed)
                {
                    outputs.Add(group + slot.Field);
                }

                if (slot.FreshField is { } fresh)
                {
                    outputs.Add(group + fresh);
                }

                if (slot.ApplicableField is { } applicable)
                {
                    outputs.Add(group + applicable);
                }

                if (slot.Kind == MongoDbSlotKind.Facet)
                {
                    outputs.Add(slot.Field + ".v");
                }
            }

            return outputs;
        }
    }

    /// <summary>
    /// Reads the pipeline's one result document (null when the collection is empty: <c>$group</c> over nothing yields nothing)
    /// into per-rule counts, in plan order. <paramref name="rowsAtLeast"/> gives the <c>n</c> of <c>rows at least n</c> rules.
    /// </summary>
    public (long Total, IReadOnlyList<RuleCounts> Counts) Read(BsonDocument? result, Func<string, long> rowsAtLeast)
    {
        var numbers = Numbers(result, Outputs);
        var total = RuleAnswer.Count(numbers[0]);
        var answered = RuleAnswer.ReadAll(MongoDbQuery.Count("fused", this), numbers, total).ToDictionary(c => c.Rule, StringComparer.Ordinal);
        var counts = Slots.Select(slot => slot.Kind switch
        {
            MongoDbSlotKind.Group or MongoDbSlotKind.Facet or MongoDbSlotKind.Observed => answered[slot.Rule],
            MongoDbSlotKind.FromTotal => new RuleCounts(slot.Rule, Math.Max(0, rowsAtLeast(slot.Rule) - total), total),
            _ => new RuleCounts(slot.Rule, 0, total, Error: slot.Error),
        }).ToList();
        return (total, counts);
    }

    /// <summary>
    /// <see cref="Read(BsonDocument?, Func{string, long})"/> for <paramref name="rules"/> (the pipeline's, by name), each settled as the
    /// protocol settles it: row-count bounds from the total, aggregates decided on their observed value.
    /// </summary>
    public (long Total, IReadOnlyList<RuleCounts> Counts) Read(BsonDocument? result, IReadOnlyList<RuleModel> rules)
    {
        RuleModel Rule(string name) => rules.Single(r => r.Name == name);
        var (total, counts) = Read(result, name => Rule(name) is { Kind: RuleKind.RowsAtLeast } r ? RuleAnswer.Count(r.Args[0]) : 0);
        return (total, counts.Select(c => Rule(c.Rule) is { Kind: RuleKind.RowCount } r ? RuleSemantics.FromTotal(r, total) : RuleSemantics.Settle(Rule(c.Rule), c)).ToList());
    }

    /// <summary>
    /// The values at <paramref name="outputs"/> of <paramref name="result"/>: integers as <see cref="long"/>, other numbers as
    /// <see cref="double"/>; null where a path is absent (an empty collection) or holds no number (an aggregate over no values).
    /// </summary>
    public static IReadOnlyList<object?> Numbers(BsonDocument? result, IReadOnlyList<string> outputs) => outputs.Select(path =>
    {
        BsonValue? value = result;
        foreach (var segment in path.Split('.'))
        {
            if (value is BsonArray array)
            {
                value = array.Count > 0 ? array[0] : null;
            }

            value = value is BsonDocument document && document.TryGetValue(segment, out var next) ? next : null;
        }
        // $sum yields int32 or int64 depending on magnitude; both read as long.
        return value switch
        {
            BsonInt32 or BsonInt64 => value.ToInt64(),
            { IsNumeric: true } => (object?)value.ToDouble(),
            _ => null,
        };
    }).ToList();
}
