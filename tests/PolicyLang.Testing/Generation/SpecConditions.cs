using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Differential;

/// <summary>
/// Row conditions as docs/language.md "Row conditions" defines them, written independently of the runtime: a comparison with a
/// null operand is unknown; NaN is unordered (only <c>!=</c> holds); <c>in</c> and <c>matches</c> on a null are unknown;
/// <c>is null</c> is never unknown; not/and/or are Kleene's; <c>now</c> is the run's instant to the millisecond and <c>today</c>
/// midnight UTC of its date.
/// </summary>
public static class SpecConditions
{
    public static bool? Holds(RowCondition condition, IReadOnlyDictionary<string, object?> row, DateTimeOffset now)
    {
        switch (condition)
        {
            case CompareCondition c:
                var left = Value(c.Left, row, now);
                var right = Value(c.Right, row, now);
                if (left is null || right is null)
                {
                    return null;
                }

                var order = SpecValues.Order(left, right);
                return c.Operator switch
                {
                    RowComparison.NotEqual => order != 0,
                    RowComparison.Equal => order == 0,
                    RowComparison.Less => order < 0,
                    RowComparison.LessOrEqual => order <= 0,
                    RowComparison.Greater => order > 0,
                    _ => order >= 0,
                };
            case InCondition c:
                return row[c.Column] is { } v ? c.Values.Any(a => SpecValues.Equal(v, a!)) : null;
            case MatchesCondition c:
                return row[c.Column] is string s ? RegexCases.All.Single(r => r.Pattern == c.Pattern).Meaning(s) : null;
            case IsNullCondition c:
                return row[c.Column] is null;
            case ParsesCondition c:
                return row[c.Column] is string text ? SpecShapes.Parses(c, text) : null;
            case NotCondition c:
                return Holds(c.Operand, row, now) is { } inner ? !inner : null;
            case AndCondition c:
            {
                var (a, b) = (Holds(c.Left, row, now), Holds(c.Right, row, now));
                return a == false || b == false ? false : a is null || b is null ? null : true;
            }

            case OrCondition c:
            {
                var (a, b) = (Holds(c.Left, row, now), Holds(c.Right, row, now));
                return a == true || b == true ? true : a is null || b is null ? null : false;
            }

            default:
                throw new ArgumentException($"no meaning for {condition}");
        }
    }

    private static object? Value(RowOperand operand, IReadOnlyDictionary<string, object?> row, DateTimeOffset now) => operand switch
    {
        ColumnOperand c => row[c.Column],
        LengthOperand l => row[l.Column] is string s ? (long)s.EnumerateRunes().Count() : null,
        LiteralOperand l => l.Value,
        ClockOperand { Today: true } => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero),
        _ => new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero),
    };
}
