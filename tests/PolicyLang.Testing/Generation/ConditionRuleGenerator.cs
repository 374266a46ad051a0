using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Differential;

/// <summary>
/// Rules of issue 14's row vocabulary over <c>facts</c>: negations (<c>not in</c>, <c>not matches</c>, <c>is null</c>, <c>is not
/// null</c>), columns compared with columns of the same family (numbers across integer/numeric/double, text, dates against
/// timestamps), <c>between lo_col and hi_col</c>, <c>now</c> and <c>today</c> as operands, <c>where</c> conditions built from
/// the same predicates with <c>not</c>, <c>and</c>, <c>or</c>, and tolerances measured against the applicable rows.
/// </summary>
public static class ConditionRuleGenerator
{
    private static readonly SourceRef Src = new("differential.gov", 1, 1);

    /// <summary>Pairs of columns of one family (integers, numeric, double; text; date, timestamp, timestamptz).</summary>
    private static readonly (string Left, string Right)[] Pairs =
        [("i", "b"), ("i", "d"), ("n", "d"), ("b", "n"), ("d", "d"), ("t", "v"), ("dt", "ts"), ("ts", "tz"), ("dt", "tz"), ("f", "f"), ("größe d", "i")];

    private static readonly (string Value, string Low, string High)[] Ranges = [("d", "i", "b"), ("n", "i", "d"), ("ts", "dt", "tz"), ("v", "t", "t")];

    public static IReadOnlyList<RuleModel> Generate(GeneratedTable facts, Random random)
    {
        var rules = new List<RuleModel>();
        void Add(string kind, string column, RowCondition body, bool orNull, RowCondition? where = null) =>
            rules.Add(new RuleModel($"cond_{kind}_{rules.Count}", RuleKind.Condition, column, [], orNull, Severity.Error, null, [], Src) { Condition = body, Where = where });

        foreach (var column in facts.Columns.Where(c => !c.Name.StartsWith("ref_", StringComparison.Ordinal)))
        {
            var name = column.Name;
            var operands = RuleGenerator.OperandsOf(column.Type);
            Add("is_null", name, new IsNullCondition(name), false);
            Add("is_not_null", name, new NotCondition(new IsNullCondition(name)), random.Next(2) == 0);
            for (var k = 0; k < 2; k++)
            {
                Add("not_in", name, new NotCondition(new InCondition(name, Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(random, operands)).ToArray())), k == 1);
            }

            if (column.Type is ColumnType.Text or ColumnType.Varchar)
            {
                AddShapes(name, random, Add);
                for (var k = 0; k < RegexCases.All.Length; k += 2)
                {
                    Add("not_matches", name, new NotCondition(new MatchesCondition(name, RegexCases.All[k].Pattern)), k % 4 == 2);
                }
            }

            if (column.Type is ColumnType.Date or ColumnType.Timestamp or ColumnType.TimestampTz)
            {
                foreach (var op in Enum.GetValues<RowComparison>())
                {
                    Add("clock", name, new CompareCondition(new ColumnOperand(name), op, new ClockOperand(random.Next(2) == 0)), random.Next(2) == 0);
                }

                Add("between_clock", name, Between(new ColumnOperand(name), new LiteralOperand(new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)), new ClockOperand(false)), false);
            }
        }

        foreach (var (left, right) in Pairs)
        {
            foreach (var op in Enum.GetValues<RowComparison>())
            {
                if (left == "f" && op is not (RowComparison.Equal or RowComparison.NotEqual))
                {
                    continue;
                }

                Add("columns", left, new CompareCondition(new ColumnOperand(left), op, new ColumnOperand(right)), random.Next(2) == 0);
            }
        }

        foreach (var (value, low, high) in Ranges)
        {
            Add("between_columns", value, Between(new ColumnOperand(value), new ColumnOperand(low), new ColumnOperand(high)), false);
            Add("between_columns", value, Between(new ColumnOperand(value), new ColumnOperand(low), new ColumnOperand(high)), true);
        }

        // `increasing` / `decreasing` by the key and by columns with ties (integers, timestamps, text), strict or not, some with `where`.
        foreach (var (value, order) in new[] { ("i", "id"), ("b", "id"), ("n", "i"), ("d", "id"), ("t", "id"), ("dt", "ts"), ("ts", "i"), ("tz", "id"), ("größe d", "t"), ("v", "f") })
        {
            for (var k = 0; k < 2; k++)
            {
                rules.Add(new RuleModel($"monotonic_{rules.Count}", RuleKind.Monotonic, value, [], random.Next(2) == 0, Severity.Error, null, [], Src)
                {
                    OrderColumn = order, Decreasing = k == 1, Strictly = random.Next(2) == 0, Where = random.Next(3) == 0 ? Where(random, 1) : null,
                });
            }
        }

        // `where` on rules of every row kind: the existing kinds and conditions.
        var bases = new List<RuleModel>
        {
            new("w_not_null", RuleKind.NotNull, "t", [], false, Severity.Error, null, [], Src),
            new("w_between", RuleKind.Between, "d", [0L, 42L], false, Severity.Error, null, [], Src),
            new("w_between_or_null", RuleKind.Between, "i", [0L, 42L], true, Severity.Error, null, [], Src),
            new("w_in", RuleKind.In, "v", ["a", "NL", "abc"], true, Severity.Error, null, [], Src),
            new("w_matches", RuleKind.Matches, "t", [RegexCases.All[0].Pattern], false, Severity.Error, null, [], Src),
            new("w_compare", RuleKind.Compare, "n", [1L], true, Severity.Error, null, [], Src) { Operator = CompareOperator.GreaterThan },
            new("w_columns", RuleKind.Condition, "ts", [], true, Severity.Error, null, [], Src) { Condition = new CompareCondition(new ColumnOperand("ts"), RowComparison.GreaterOrEqual, new ColumnOperand("dt")) },
        };
        for (var k = 0; k < 24; k++)
        {
            var rule = bases[k % bases.Count];
            rules.Add(rule with { Name = $"{rule.Name}_{k}", Where = Where(random, 2) });
        }

        return rules;
    }

    /// <summary>Copies of rules with a <c>where</c> or <c>or null</c> whose tolerance counts the applicable rows, exactly at and one below their rate.</summary>
    public static IReadOnlyList<RuleModel> WithApplicableTolerances(GeneratedCase c)
    {
        var copies = new List<RuleModel>();
        foreach (var rule in c.Rules.Where(r => r.Kind != RuleKind.Monotonic && (r.Where is not null || (r.OrNull && r.Kind is RuleKind.Condition or RuleKind.Between or RuleKind.Compare))))
        {
            var (violations, applicable) = SpecOracle.Counts(rule, c);
            if (violations == 0 || applicable == 0 || copies.Count >= 30)
            {
                continue;
            }

            foreach (var (suffix, allowed) in new[] { ("at", violations), ("below", violations - 1) })
            {
                copies.Add(rule with { Name = $"{rule.Name}_applicable_{suffix}", Tolerance = allowed * 100.0 / applicable / 100, ToleranceOfApplicable = true });
            }
        }

        return [.. c.Rules, .. copies];
    }

    /// <summary>The date patterns of generated <c>parses as date</c> rules.</summary>
    public static readonly string[] DatePatterns = ["yyyy-MM-dd", "dd/MM/yyyy", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM"];

    // `length(x)` bounded every way, `parses as` each format and pattern, with and without `or null`.
    private static void AddShapes(string name, Random random, Action<string, string, RowCondition, bool, RowCondition?> add)
    {
        var length = new LengthOperand(name);
        var low = (long)random.Next(0, 3);
        add("length", name, Between(length, new LiteralOperand(low), new LiteralOperand(low + random.Next(0, 3))), random.Next(2) == 0, null);
        foreach (var op in Enum.GetValues<RowComparison>())
        {
            add("length", name, new CompareCondition(length, op, new LiteralOperand((long)random.Next(0, 4))), random.Next(2) == 0, null);
        }

        foreach (var pattern in DatePatterns)
        {
            add("parses_date", name, new ParsesCondition(name, ParseFormat.Date, pattern), random.Next(2) == 0, null);
        }

        add("parses_json", name, new ParsesCondition(name, ParseFormat.Json, null), random.Next(2) == 0, null);
        add("parses_number", name, new ParsesCondition(name, ParseFormat.Number, null), random.Next(2) == 0, null);
        add("not_parses_number", name, new NotCondition(new ParsesCondition(name, ParseFormat.Number, null)), true, null);
    }

    private static RowCondition Between(RowOperand value, RowOperand low, RowOperand high) =>
        new AndCondition(new CompareCondition(value, RowComparison.GreaterOrEqual, low), new CompareCondition(value, RowComparison.LessOrEqual, high));

    private static RowCondition Where(Random random, int depth)
    {
        if (depth == 0 || random.Next(3) == 0)
        {
            return Atom(random);
        }

        return random.Next(4) switch
        {
            0 => new NotCondition(Where(random, depth - 1)),
            1 => new OrCondition(Where(random, depth - 1), Where(random, depth - 1)),
            _ => new AndCondition(Where(random, depth - 1), Where(random, depth - 1)),
        };
    }

    private static RowCondition Atom(Random random) => random.Next(10) switch
    {
        8 => new CompareCondition(new LengthOperand("t"), RowComparison.Greater, new LiteralOperand(2L)),
        9 => new ParsesCondition("v", random.Next(2) == 0 ? ParseFormat.Number : ParseFormat.Date, null),
        0 => new CompareCondition(new ColumnOperand("f"), RowComparison.Equal, new LiteralOperand(true)),
        1 => new InCondition("t", ["a", "abc", "NL", "\u00e9"]),
        2 => new CompareCondition(new ColumnOperand("i"), Pick(random, Enum.GetValues<RowComparison>()), new LiteralOperand(10L)),
        3 => new IsNullCondition("d"),
        4 => new CompareCondition(new ColumnOperand("d"), RowComparison.Less, new ColumnOperand("n")),
        5 => new MatchesCondition("v", RegexCases.All[1].Pattern),
        6 => new CompareCondition(new ColumnOperand("ts"), RowComparison.Less, new ClockOperand(true)),
        _ => new CompareCondition(new ColumnOperand("größe d"), RowComparison.GreaterOrEqual, new LiteralOperand(0.5)),
    };

    private static T Pick<T>(Random random, IReadOnlyList<T> pool) => pool[random.Next(pool.Count)];
}
