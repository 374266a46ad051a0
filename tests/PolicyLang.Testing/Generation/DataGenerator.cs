namespace PolicyLang.Runtime.Differential;

/// <summary>
/// Generates a deterministic case per seed: <c>facts</c> (one column per type, plus foreign keys into <c>dims</c>) with
/// NULLs (~15%), duplicates (values are drawn from small pools) and dangling or NULL references; then its rules.
/// Even seeds have 100 rows, odd seeds 200; every third seed has no row inside any <c>fresher than</c> window.
/// </summary>
public static class DataGenerator
{
    /// <summary>The clock of every case: not a whole millisecond, so cutoffs fall between stored instants.</summary>
    public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    public static readonly GeneratedColumn[] FactColumns =
    [
        new("id", ColumnType.BigInt), new("i", ColumnType.Integer), new("b", ColumnType.BigInt), new("n", ColumnType.Numeric),
        new("d", ColumnType.Double), new("t", ColumnType.Text), new("v", ColumnType.Varchar), new("dt", ColumnType.Date),
        new("ts", ColumnType.Timestamp), new("tz", ColumnType.TimestampTz), new("f", ColumnType.Boolean),
        new("ref_id", ColumnType.BigInt), new("ref_code", ColumnType.Text), new("ref_num", ColumnType.Numeric),
        new("größe d", ColumnType.Double),
    ];

    public static readonly GeneratedColumn[] DimColumns = [new("id", ColumnType.Integer), new("code", ColumnType.Text)];

    public static GeneratedCase Generate(int seed)
    {
        var random = new Random(seed);
        var dims = new GeneratedTable("dims", DimColumns, Enumerable.Range(1, 30).Select(id => Row(
            ("id", id), ("code", Maybe(random, 0.1, () => Pick(random, ValuePools.Texts))))).ToList());
        var recent = seed % 3 != 0;
        var instants = ValuePools.Instants(Now, recent);
        var dates = ValuePools.Dates.Where(d => recent || d.Year < 2026).ToArray();
        var rows = Enumerable.Range(1, seed % 2 == 0 ? 100 : 200).Select(id => Row(
            ("id", (long)id),
            ("i", Maybe(random, 0.15, () => Pick(random, ValuePools.Integers))),
            ("b", Maybe(random, 0.15, () => Pick(random, ValuePools.BigInts))),
            ("n", Maybe(random, 0.15, () => Pick(random, ValuePools.Numerics))),
            ("d", Maybe(random, 0.15, () => Pick(random, ValuePools.Doubles))),
            ("t", Maybe(random, 0.15, () => Pick(random, ValuePools.Texts))),
            ("v", Maybe(random, 0.15, () => Pick(random, ValuePools.Texts))),
            ("dt", Maybe(random, 0.15, () => Pick(random, dates))),
            ("ts", Maybe(random, 0.15, () => Pick(random, instants))),
            ("tz", Maybe(random, 0.15, () => new DateTimeOffset(DateTime.SpecifyKind(Pick(random, instants), DateTimeKind.Utc)))),
            ("f", Maybe(random, 0.15, () => random.Next(2) == 0)),
            ("ref_id", Maybe(random, 0.15, () => (long)random.Next(1, 41))),
            ("ref_code", Maybe(random, 0.15, () => random.Next(5) == 0 ? "dangling" : Pick(random, ValuePools.Texts))),
            ("ref_num", Maybe(random, 0.15, () => random.Next(1, 41) + (random.Next(4) == 0 ? 0.5m : random.Next(2) == 0 ? 0.0m : 0m))),
            ("größe d", Maybe(random, 0.15, () => Pick(random, ValuePools.Doubles))))).ToList();
        var facts = new GeneratedTable("facts", FactColumns, rows);
        var generated = new GeneratedCase(seed, Now, facts, dims, RuleGenerator.Generate(facts, random));
        generated = generated with { Rules = [.. RuleGenerator.WithTolerances(generated), .. ConditionRuleGenerator.Generate(facts, random)] };
        return generated with { Rules = ConditionRuleGenerator.WithApplicableTolerances(generated) };
    }

    private static IReadOnlyDictionary<string, object?> Row(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private static object? Maybe(Random random, double nullChance, Func<object> value) => random.NextDouble() < nullChance ? null : value();

    private static T Pick<T>(Random random, IReadOnlyList<T> pool) => pool[random.Next(pool.Count)];
}
