namespace PolicyLang.Runtime.Checks;

/// <summary>
/// One command of a <see cref="CheckPlan{TQuery}"/> in the store's own language (SQL text, an aggregation pipeline, a listing):
/// each store derives its command record from this and adds what it sends.
/// </summary>
/// <param name="Purpose">What the command is for: <c>fused</c>, <c>unique</c>, <c>references</c>, <c>isolated</c>, <c>total</c> or <c>sample</c>.</param>
/// <param name="CountsRows">True when the first number of the command's result is the dataset's row count.</param>
/// <param name="Answers">Which numbers of the result answer which rule, in result order (after the row count).</param>
public abstract record CheckQuery(string Purpose, bool CountsRows, IReadOnlyList<RuleAnswer> Answers)
{
    /// <summary>The rules the command answers, in result order.</summary>
    public IReadOnlyList<string> Rules => Answers.Select(a => a.Rule).ToList();
}
