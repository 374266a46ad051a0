using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// Evaluates a <see cref="RowCondition"/> over one row held in memory, in three-valued logic (null = unknown): the reference
/// every store's rendering of conditions must agree with.
/// </summary>
internal static class RowConditionEvaluator
{
    /// <summary>True, false, or null when unknown (a null operand).</summary>
    public static bool? Evaluate(RowCondition condition, IReadOnlyDictionary<string, object?> row, DateTimeOffset now) => condition switch
    {
        CompareCondition c => Compare(c, row, now),
        InCondition c => InMemoryEvaluator.Get(row, c.Column) is { } v ? c.Values.Any(a => a is not null && ValueComparer.Compare(v, a) == 0) : null,
        MatchesCondition c => InMemoryEvaluator.Get(row, c.Column) is { } v ? InMemoryEvaluator.Pattern(c.Pattern).IsMatch(Values.ToInvariantString(v)!) : null,
        IsNullCondition c => InMemoryEvaluator.Get(row, c.Column) is null,
        ParsesCondition c => InMemoryEvaluator.Get(row, c.Column) is { } v ? Parses(c, Values.ToInvariantString(v)!) : null,
        NotCondition c => !Evaluate(c.Operand, row, now),
        AndCondition c => And(Evaluate(c.Left, row, now), Evaluate(c.Right, row, now)),
        OrCondition c => Or(Evaluate(c.Left, row, now), Evaluate(c.Right, row, now)),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.GetType().Name, "unknown row condition"),
    };

    /// <summary>
    /// True when <paramref name="rule"/> applies to <paramref name="row"/>: its <c>where</c> is true, and with <c>or null</c> the
    /// values it checks are known (a rule of <see cref="RuleKind.Condition"/>: its body is not unknown; any other: its column is not null).
    /// </summary>
    public static bool Applies(RuleModel rule, IReadOnlyDictionary<string, object?> row, DateTimeOffset now)
    {
        if (rule.Where is { } where && Evaluate(where, row, now) != true)
        {
            return false;
        }

        if (!rule.OrNull)
        {
            return true;
        }

        return rule.Condition is { } body ? Evaluate(body, row, now) is not null : rule.Column is null || InMemoryEvaluator.Get(row, rule.Column) is not null;
    }

    private static bool? Compare(CompareCondition c, IReadOnlyDictionary<string, object?> row, DateTimeOffset now)
    {
        if (Value(c.Left, row, now) is not { } left || Value(c.Right, row, now) is not { } right)
        {
            return null;
        }

        var order = ValueComparer.Compare(left, right);
        return c.Operator switch
        {
            RowComparison.Equal => order == 0,
            RowComparison.NotEqual => order != 0,
            RowComparison.Less => order < 0,
            RowComparison.LessOrEqual => order <= 0,
            RowComparison.Greater => order > 0,
            _ => order >= 0,
        };
    }

    private static object? Value(RowOperand operand, IReadOnlyDictionary<string, object?> row, DateTimeOffset now) => operand switch
    {
        ColumnOperand c => InMemoryEvaluator.Get(row, c.Column),
        LengthOperand l => InMemoryEvaluator.Get(row, l.Column) is { } v ? ValueShapes.Length(Values.ToInvariantString(v)!) : null,
        LiteralOperand l => l.Value,
        ClockOperand k => RowConditions.Clock(k.Today, now),
        _ => throw new ArgumentOutOfRangeException(nameof(operand), operand.GetType().Name, "unknown operand"),
    };

    private static bool Parses(ParsesCondition c, string text) => c.Format switch
    {
        ParseFormat.Number => InMemoryEvaluator.Pattern(ValueShapes.NumberPattern).IsMatch(text),
        ParseFormat.Json => IsJson(text),
        _ => ValueShapes.IsDate(text, DatePattern.Parse(c.Pattern ?? "yyyy-MM-dd", out var problem) ?? throw new ArgumentException(problem, nameof(c))),
    };

    private static bool IsJson(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text, new System.Text.Json.JsonDocumentOptions { MaxDepth = 1000 });
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;

    private static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a == false && b == false ? false : null;
}
