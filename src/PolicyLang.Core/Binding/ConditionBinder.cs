using System.Text.RegularExpressions;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>
/// Binds a row condition (a rule body written as a condition, or a <c>where</c>) to a <see cref="RowCondition"/>: columns against the
/// dataset (GOV0202), operand type families (GOV0221, and GOV0206 for a literal that does not fit its column), tests that need a
/// column (GOV0222), patterns. Literal values stay as bound (a date is a <see cref="DateOnly"/>); the emitter writes them for the runtime.
/// </summary>
internal sealed class ConditionBinder(BindingContext ctx, DatasetScope scope)
{
    private enum Family
    {
        Number,
        Text,
        Time,
        Boolean,
    }

    private sealed record Bound(RowOperand Operand, Family? Family, ColumnSymbol? Column, ValueSyntax Syntax);

    /// <summary>The condition, or null after reporting why it cannot be bound.</summary>
    public RowCondition? Bind(ConditionSyntax condition)
    {
        switch (condition)
        {
            case ComparisonSyntax c:
                return Compare(c.Left, c.Operator.Name, c.Right, c);
            case BetweenSyntax c:
                var low = Compare(c.Value, ">=", c.Low, c);
                var high = Compare(c.Value, "<=", c.High, c);
                return low is not null && high is not null ? new AndCondition(low, high) : null;
            case InSyntax c:
                return In(c) is { } inList ? c.Not is null ? inList : new NotCondition(inList) : null;
            case MatchesSyntax c:
                return Matches(c) is { } match ? c.Not is null ? match : new NotCondition(match) : null;
            case ParsesSyntax c:
                return Parses(c);
            case NullTestSyntax c:
                return Subject(c.Column, "is null") is { } column ? c.Negated ? new NotCondition(new IsNullCondition(column)) : new IsNullCondition(column) : null;
            case NotSyntax c:
                return Bind(c.Operand) is { } inner ? new NotCondition(inner) : null;
            case LogicalSyntax c:
                var left = Bind(c.Left);
                var right = Bind(c.Right);
                return left is null || right is null ? null : c.Operator.Name == "and" ? new AndCondition(left, right) : new OrCondition(left, right);
            case ParenthesizedSyntax c:
                return Bind(c.Inner);
            default:
                return null;
        }
    }

    private static readonly Dictionary<string, RowComparison> Operators = new(StringComparer.Ordinal)
    {
        ["="] = RowComparison.Equal, ["!="] = RowComparison.NotEqual, ["<"] = RowComparison.Less,
        ["<="] = RowComparison.LessOrEqual, [">"] = RowComparison.Greater, [">="] = RowComparison.GreaterOrEqual,
    };

    private CompareCondition? Compare(ValueSyntax leftSyntax, string op, ValueSyntax rightSyntax, ConditionSyntax whole)
    {
        var left = Operand(leftSyntax);
        var right = Operand(rightSyntax);
        if (left is null || right is null)
        {
            return null;
        }

        if (RowConditions.OperandColumn(left.Operand) is null && RowConditions.OperandColumn(right.Operand) is null)
        {
            ctx.Report(BindingDiagnostics.ConditionNeedsColumn, whole, $"`{ctx.TextOf(whole)}` compares no column: one side must name a column of dataset `{scope.Name}`");
            return null;
        }

        if (left.Family is { } lf && right.Family is { } rf && lf != rf)
        {
            var (column, other) = left.Column is not null ? (left, right) : (right, left);
            if (other.Operand is LiteralOperand && column.Column is { } c)
            {
                ctx.Report(BindingDiagnostics.RuleTypeMismatch, other.Syntax, $"column `{c.Name}` holds {ColumnTypes.Describe(c.Family)}, but `{ctx.TextOf(other.Syntax)}` is {ColumnTypes.DescribeLiteral(((LiteralOperand)other.Operand).Value)}");
            }
            else
            {
                ctx.Report(BindingDiagnostics.IncomparableOperands, whole, $"`{ctx.TextOf(left.Syntax)}` holds {Describe(lf)} and `{ctx.TextOf(right.Syntax)}` holds {Describe(rf)}: they cannot be compared");
            }
        }

        if (left.Family == Family.Boolean && op is not ("=" or "!=") || right.Family == Family.Boolean && op is not ("=" or "!="))
        {
            ctx.Report(BindingDiagnostics.IncomparableOperands, whole, $"booleans have no order: compare them with `=` or `!=`");
        }

        return new CompareCondition(left.Operand, Operators[op], right.Operand);
    }

    private InCondition? In(InSyntax c)
    {
        var column = Subject(c.Column, c.Not is null ? "in" : "not in");
        var symbol = column is null ? null : scope.Lookup(c.Column);
        if (c.List is not ListValueSyntax list)
        {
            return null;
        }

        var values = new List<object?>();
        foreach (var item in list.Items)
        {
            if (ValueBinder.Literal(ctx, item, inTestRow: false) is not { } literal)
            {
                return null;
            }

            if (symbol is { } s && !ColumnTypes.Fits(s.Family, literal.Value))
            {
                ctx.Report(BindingDiagnostics.RuleTypeMismatch, item, $"column `{s.Name}` holds {ColumnTypes.Describe(s.Family)}, but `{ctx.TextOf(item)}` is {ColumnTypes.DescribeLiteral(literal.Value)}");
            }

            values.Add(literal.Value);
        }

        return column is null ? null : new InCondition(column, values);
    }

    private MatchesCondition? Matches(MatchesSyntax c)
    {
        var column = Subject(c.Column, c.Not is null ? "matches" : "not matches");
        if (column is not null && scope.Lookup(c.Column) is { } s && s.Family is not (ColumnTypeFamily.Text or ColumnTypeFamily.Other))
        {
            ctx.Report(BindingDiagnostics.RuleTypeMismatch, c, $"`matches` needs a text column, but `{s.Name}` holds {ColumnTypes.Describe(s.Family)}");
        }

        if (c.Pattern is not StringValueSyntax pattern)
        {
            return null;
        }

        try
        {
            _ = new Regex(pattern.Value, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (RegexParseException e)
        {
            ctx.Report(BindingDiagnostics.InvalidRegex, pattern, $"the pattern is not a valid regular expression: {e.Error} at offset {e.Offset}");
            return null;
        }

        if (PortableRegex.Problem(pattern.Value) is { } problem)
        {
            ctx.Report(BindingDiagnostics.NonPortableRegex, pattern, $"{problem}; as written, each store runs it in its own dialect");
        }

        return column is null ? null : new MatchesCondition(column, pattern.Value);
    }

    private ParsesCondition? Parses(ParsesSyntax c)
    {
        var column = Subject(c.Column, "parses as");
        if (column is null || !TextColumn(c.Column, "parses as"))
        {
            return null;
        }

        var format = Enum.Parse<ParseFormat>(c.Format.Name, ignoreCase: true);
        if (c.Pattern is not StringValueSyntax pattern)
        {
            return new ParsesCondition(column, format, format == ParseFormat.Date ? "yyyy-MM-dd" : null);
        }

        if (DatePattern.Parse(pattern.Value, out var problem) is null)
        {
            ctx.Report(BindingDiagnostics.InvalidDatePattern, pattern, $"`{pattern.Value}` is not a portable date pattern: {problem}");
            return null;
        }

        return new ParsesCondition(column, format, pattern.Value);
    }

    // `length(..)` and `parses as` read text: a column declared with another family is reported (an undeclared one is read as text).
    private bool TextColumn(ColumnPathSyntax path, string test)
    {
        if (scope.Lookup(path) is { } s && s.Family is not (ColumnTypeFamily.Text or ColumnTypeFamily.Other))
        {
            ctx.Report(BindingDiagnostics.ShapeNeedsText, path, $"`{test}` reads text, but `{s.Name}` holds {ColumnTypes.Describe(s.Family)}");
            return false;
        }

        return true;
    }

    // The column a test is about; a literal there is reported.
    private string? Subject(ColumnPathSyntax column, string test)
    {
        if (column.Parts is [{ Name.Length: 0 }])
        {
            ctx.Report(BindingDiagnostics.ConditionNeedsColumn, column, $"`{test}` tests a column, but `{ctx.TextOf(column)}` is not one");
            return null;
        }

        return QuotedNames.Check(ctx, column) ? column.Path : null;
    }

    private Bound? Operand(ValueSyntax value)
    {
        switch (value)
        {
            case WordValueSyntax { Word.Name: "now" or "today" } clock:
                return new Bound(new ClockOperand(clock.Word.Name == "today"), Family.Time, null, value);
            case ColumnValueSyntax c:
                return Column(c.Path, value);
            case LengthValueSyntax l:
                return QuotedNames.Check(ctx, l.Column) && TextColumn(l.Column, "length(..)")
                    ? new Bound(new LengthOperand(l.Column.Path), Family.Number, null, value)
                    : null;
            case WordValueSyntax { Word.Name: not ("true" or "false") } w:
                return Column(new ColumnPathSyntax([w.Word], w.Span), value);
            default:
                return ValueBinder.Literal(ctx, value, inTestRow: false) is { } literal
                    ? new Bound(new LiteralOperand(literal.Value), LiteralFamily(literal.Value), null, value)
                    : null;
        }
    }

    private Bound? Column(ColumnPathSyntax path, ValueSyntax value)
    {
        if (!QuotedNames.Check(ctx, path))
        {
            return null;
        }

        var symbol = scope.Lookup(path);
        return new Bound(new ColumnOperand(path.Path), symbol is null ? null : ColumnFamily(symbol.Family), symbol, value);
    }

    private static Family? ColumnFamily(ColumnTypeFamily family) => family switch
    {
        ColumnTypeFamily.Integer or ColumnTypeFamily.Decimal => Family.Number,
        ColumnTypeFamily.Text => Family.Text,
        ColumnTypeFamily.Time or ColumnTypeFamily.Date => Family.Time,
        ColumnTypeFamily.Boolean => Family.Boolean,
        _ => null,
    };

    private static Family? LiteralFamily(object? value) => value switch
    {
        long or double => Family.Number,
        string => Family.Text,
        DateOnly => Family.Time,
        bool => Family.Boolean,
        _ => null,
    };

    private static string Describe(Family family) => family switch
    {
        Family.Number => "numbers",
        Family.Text => "text",
        Family.Time => "dates or timestamps",
        _ => "booleans",
    };
}

/// <summary>Quoted column names (<c>"größe"</c>): any text but empty or with a <c>.</c>, which separates field path parts (GOV0223).</summary>
internal static class QuotedNames
{
    public static bool Check(BindingContext ctx, ColumnPathSyntax path) => path.Parts.All(part => Check(ctx, part));

    public static bool Check(BindingContext ctx, IdentifierSyntax name)
    {
        if (!name.Quoted || (name.Name.Length > 0 && !name.Name.Contains('.', StringComparison.Ordinal)))
        {
            return true;
        }

        ctx.Report(BindingDiagnostics.InvalidQuotedName, name, name.Name.Length == 0
            ? "a column name cannot be empty"
            : $"`{name.Name}` contains `.`, which separates the parts of a field path; a quoted name cannot hold it");
        return false;
    }
}
