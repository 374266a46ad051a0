using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Differential;

/// <summary>
/// Rules over a generated <c>facts</c> table: every kind the table's types allow, with and without <c>or null</c>, operands
/// drawn from the same pools as the values (so boundaries are hit), literal types as the binder produces them (long,
/// double, string, bool, dates as midnight-UTC <see cref="DateTimeOffset"/>), <c>in</c> lists mixing whole and fractional
/// numbers, and tolerance copies exactly at and just below the measured violation rate.
/// </summary>
public static class RuleGenerator
{
    private static readonly SourceRef Src = new("differential.gov", 1, 1);

    private static readonly object[] Numbers =
        [0L, 1L, 10L, 42L, -1L, 2.5, 0.1, 0.3, 1.5, long.MaxValue, long.MaxValue - 1, 9_007_199_254_740_992L, int.MaxValue + 0L, 1e300, 10.0000000001];

    private static readonly object[] Strings = ["", "a", "abc", "A", "NL", "DE", "z", "\u00e9", "\U0001F600", "\uFF21", "word", "x@y.org"];

    private static readonly object[] Instants = ValuePools.Dates.Select(d => (object)new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).ToArray();

    public static IReadOnlyList<RuleModel> Generate(GeneratedTable facts, Random random)
    {
        var rules = new List<RuleModel>();
        void Add(RuleKind kind, string? column, object?[] args, bool orNull, Func<RuleModel, RuleModel>? extra = null)
        {
            var rule = new RuleModel($"{column ?? "rows"}_{kind}_{rules.Count}".ToLowerInvariant(), kind, column, args, orNull, Severity.Error, null, [], Src);
            rules.Add(extra is null ? rule : extra(rule));
        }

        foreach (var column in facts.Columns.Where(c => !c.Name.StartsWith("ref_", StringComparison.Ordinal)))
        {
            var name = column.Name;
            Add(RuleKind.NotNull, name, [], false);
            Add(RuleKind.NotNull, name, [], true);
            Add(RuleKind.Unique, name, [], false);
            var operands = Operands(column.Type);
            foreach (var op in Enum.GetValues<CompareOperator>())
            {
                if (column.Type == ColumnType.Boolean && op is not (CompareOperator.Equal or CompareOperator.NotEqual))
                {
                    continue;
                }

                Add(RuleKind.Compare, name, [Pick(random, operands)], random.Next(2) == 0, r => r with { Operator = op });
            }

            for (var k = 0; k < 3; k++)
            {
                Add(RuleKind.In, name, Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, operands)).ToArray(), k == 1);
                if (column.Type == ColumnType.Boolean)
                {
                    continue;
                }

                var bounds = new[] { Pick(random, operands), Pick(random, operands) }.OrderBy(x => x, Comparer<object>.Create((a, b) => SpecValues.Order(a, b) ?? 0)).ToArray();
                Add(RuleKind.Between, name, bounds, k == 1);
            }

            if (column.Type is ColumnType.Text or ColumnType.Varchar)
            {
                for (var k = 0; k < RegexCases.All.Length; k++)
                {
                    Add(RuleKind.Matches, name, [RegexCases.All[k].Pattern], k % 2 == 1);
                }
            }

            if (column.Type is ColumnType.Date or ColumnType.Timestamp or ColumnType.TimestampTz)
            {
                foreach (var window in ValuePools.Windows)
                {
                    foreach (var orNull in new[] { false, true })
                    {
                        Add(RuleKind.FresherThan, name, [], orNull, r => r with { Window = window });
                    }
                }
            }
        }

        Add(RuleKind.References, "ref_id", [], false, r => r with { TargetDataset = "dims", TargetColumn = "id" });
        Add(RuleKind.References, "ref_code", [], false, r => r with { TargetDataset = "dims", TargetColumn = "code" });
        Add(RuleKind.References, "ref_num", [], false, r => r with { TargetDataset = "dims", TargetColumn = "id" });
        // Composite forms (docs/composite-keys.md), fixed so the random draws above stay as they were: pairs across types (NaN,
        // ±0, unicode, booleans, instants), a triple, and references by two columns (numeric against integer ids).
        foreach (string[] columns in (string[][])[["f", "t"], ["i", "dt"], ["d", "v"], ["t", "v"], ["b", "tz"], ["größe d", "f", "i"], ["n", "d"]])
        {
            Add(RuleKind.Unique, null, [], false, r => r with { Name = $"composite_unique_{rules.Count}", Columns = columns });
        }

        Add(RuleKind.References, null, [], false, r => r with { Name = $"composite_ref_{rules.Count}", Columns = ["ref_id", "ref_code"], TargetDataset = "dims", TargetColumns = ["id", "code"] });
        Add(RuleKind.References, null, [], false, r => r with { Name = $"composite_ref_{rules.Count}", Columns = ["ref_num", "ref_code"], TargetDataset = "dims", TargetColumns = ["id", "code"] });
        foreach (var n in new long[] { 0, facts.Rows.Count, facts.Rows.Count + 1 })
        {
            Add(RuleKind.RowsAtLeast, null, [n], false);
        }

        return rules;
    }

    /// <summary>
    /// Copies of some rules with a tolerance exactly at their violation rate (passes: p% of the rows are allowed) and one row
    /// below it (fails), the percentage written as the binder reads it (p / 100).
    /// </summary>
    public static IReadOnlyList<RuleModel> WithTolerances(GeneratedCase c)
    {
        var total = c.Facts.Rows.Count;
        var copies = new List<RuleModel>();
        foreach (var rule in c.Rules.Where(r => r.Kind is RuleKind.Between or RuleKind.Compare or RuleKind.In or RuleKind.NotNull or RuleKind.Unique))
        {
            var violations = SpecOracle.Evaluate(rule, c).Violations;
            if (violations == 0 || copies.Count >= 40)
            {
                continue;
            }

            foreach (var (suffix, allowed) in new[] { ("at", violations), ("below", violations - 1) })
            {
                var percent = allowed * 100.0 / total;
                copies.Add(rule with { Name = $"{rule.Name}_tolerance_{suffix}", Tolerance = percent / 100 });
            }
        }

        return [.. c.Rules, .. copies];
    }

    /// <summary>The operand pool of a column type.</summary>
    public static object[] OperandsOf(ColumnType type) => Operands(type);

    private static object[] Operands(ColumnType type) => type switch
    {
        ColumnType.Text or ColumnType.Varchar => Strings,
        ColumnType.Date or ColumnType.Timestamp or ColumnType.TimestampTz => Instants,
        ColumnType.Boolean => [true, false],
        _ => Numbers,
    };

    private static T Pick<T>(Random random, IReadOnlyList<T> pool) => pool[random.Next(pool.Count)];
}
