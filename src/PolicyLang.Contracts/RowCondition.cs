namespace PolicyLang.Contracts;

/// <summary>The comparison of a <see cref="CompareCondition"/>.</summary>
public enum RowComparison
{
    /// <summary>=</summary>
    Equal,
    /// <summary>!=</summary>
    NotEqual,
    /// <summary>&lt;</summary>
    Less,
    /// <summary>&lt;=</summary>
    LessOrEqual,
    /// <summary>&gt;</summary>
    Greater,
    /// <summary>&gt;=</summary>
    GreaterOrEqual,
}

/// <summary>One side of a comparison in a row condition: a column of the same row, a literal, or the run's clock.</summary>
public abstract record RowOperand;

/// <summary>A column (or dotted field path) of the row being checked.</summary>
public sealed record ColumnOperand(string Column) : RowOperand;

/// <summary>A literal: string, long, double, bool, or an instant (<see cref="DateTimeOffset"/>, UTC; a date is its midnight).</summary>
public sealed record LiteralOperand(object? Value) : RowOperand;

/// <summary>
/// <c>now</c> (the run's instant, to the millisecond) or <c>today</c> (midnight UTC of the run's date), resolved once per run
/// by <see cref="RowConditions.Resolve"/>, so every engine compares with the same value.
/// </summary>
public sealed record ClockOperand(bool Today) : RowOperand;

/// <summary>
/// A condition on one row, in three-valued logic: a comparison with a null operand is unknown, <c>not</c>, <c>and</c> and
/// <c>or</c> follow SQL (Kleene). NaN is unordered: no comparison but <c>!=</c> holds for it. The body of a row rule and a
/// rule's <c>where</c> are both conditions (docs/language.md "Row conditions").
/// </summary>
public abstract record RowCondition;

/// <summary><c>left op right</c>; unknown when either side is null.</summary>
public sealed record CompareCondition(RowOperand Left, RowComparison Operator, RowOperand Right) : RowCondition;

/// <summary><c>column in [..]</c>; unknown when the column is null; false for an empty list.</summary>
public sealed record InCondition(string Column, IReadOnlyList<object?> Values) : RowCondition;

/// <summary><c>column matches "re"</c> (a search, as <see cref="RuleKind.Matches"/>); unknown when the column is null.</summary>
public sealed record MatchesCondition(string Column, string Pattern) : RowCondition;

/// <summary><c>column is null</c>: never unknown.</summary>
public sealed record IsNullCondition(string Column) : RowCondition;

/// <summary><c>not c</c>.</summary>
public sealed record NotCondition(RowCondition Operand) : RowCondition;

/// <summary><c>a and b</c>.</summary>
public sealed record AndCondition(RowCondition Left, RowCondition Right) : RowCondition;

/// <summary><c>a or b</c>.</summary>
public sealed record OrCondition(RowCondition Left, RowCondition Right) : RowCondition;

/// <summary>Operations over <see cref="RowCondition"/> trees shared by every engine.</summary>
public static class RowConditions
{
    /// <summary>Replaces <c>now</c> and <c>today</c> with the run's instant (truncated to the millisecond) and date.</summary>
    public static RowCondition Resolve(RowCondition condition, DateTimeOffset now)
    {
        RowOperand Operand(RowOperand o) => o is ClockOperand clock ? new LiteralOperand(Clock(clock.Today, now)) : o;
        RowCondition Walk(RowCondition c) => c switch
        {
            CompareCondition x => x with { Left = Operand(x.Left), Right = Operand(x.Right) },
            NotCondition x => new NotCondition(Walk(x.Operand)),
            AndCondition x => new AndCondition(Walk(x.Left), Walk(x.Right)),
            OrCondition x => new OrCondition(Walk(x.Left), Walk(x.Right)),
            _ => c,
        };
        return Walk(condition);
    }

    /// <summary>The value of <c>now</c> (the instant truncated to the millisecond, UTC) or <c>today</c> (midnight UTC of its date).</summary>
    public static DateTimeOffset Clock(bool today, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return today
            ? new DateTimeOffset(utc.Date, TimeSpan.Zero)
            : new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    /// <summary>The columns <paramref name="condition"/> reads, in order of first appearance.</summary>
    public static IReadOnlyList<string> Columns(RowCondition? condition)
    {
        var columns = new List<string>();
        void Add(string column)
        {
            if (!columns.Contains(column, StringComparer.Ordinal))
            {
                columns.Add(column);
            }
        }

        void Walk(RowCondition c)
        {
            switch (c)
            {
                case CompareCondition x:
                    if (OperandColumn(x.Left) is { } l) { Add(l); }
                    if (OperandColumn(x.Right) is { } r) { Add(r); }
                    break;
                case ParsesCondition x: Add(x.Column); break;
                case InCondition x: Add(x.Column); break;
                case MatchesCondition x: Add(x.Column); break;
                case IsNullCondition x: Add(x.Column); break;
                case NotCondition x: Walk(x.Operand); break;
                case AndCondition x: Walk(x.Left); Walk(x.Right); break;
                case OrCondition x: Walk(x.Left); Walk(x.Right); break;
            }
        }

        if (condition is not null)
        {
            Walk(condition);
        }

        return columns;
    }

    /// <summary>The column an operand reads (a column, or the column of <c>length(..)</c>), or null for a literal or the clock.</summary>
    public static string? OperandColumn(RowOperand operand) => operand switch
    {
        ColumnOperand c => c.Column,
        LengthOperand l => l.Column,
        _ => null,
    };

    /// <summary>The operator as written: <c>&gt;=</c>.</summary>
    public static string Text(RowComparison op) => op switch
    {
        RowComparison.Equal => "=",
        RowComparison.NotEqual => "!=",
        RowComparison.Less => "<",
        RowComparison.LessOrEqual => "<=",
        RowComparison.Greater => ">",
        _ => ">=",
    };

    /// <summary>The operator with its sides swapped (<c>a &lt; b</c> is <c>b &gt; a</c>).</summary>
    public static RowComparison Mirror(RowComparison op) => op switch
    {
        RowComparison.Less => RowComparison.Greater,
        RowComparison.LessOrEqual => RowComparison.GreaterOrEqual,
        RowComparison.Greater => RowComparison.Less,
        RowComparison.GreaterOrEqual => RowComparison.LessOrEqual,
        _ => op,
    };
}
