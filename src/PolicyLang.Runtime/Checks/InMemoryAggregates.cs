using System.Globalization;
using System.Numerics;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// The reference definition of each aggregate expectation (docs/language.md "Aggregate expectations"), which the stores' scans
/// compute too: numeric aggregates over the values that are numbers other than NaN (nulls and NaN ignored); no such value gives no
/// observed value, except <c>sum</c>, which is 0; <c>stddev</c> is the sample deviation (no value below two values); <c>median</c> and
/// <c>quantile</c> are continuous (position p·(n − 1) of the sorted values, interpolated linearly); <c>count distinct</c> counts distinct
/// non-null values; <c>null fraction</c> is nulls / rows, 0 for no rows.
/// </summary>
internal static class InMemoryAggregates
{
    /// <summary>The observed value of <paramref name="rule"/> over one column's <paramref name="values"/> (one per row).</summary>
    public static double? Observe(RuleModel rule, IReadOnlyList<object?> values)
    {
        switch (rule.Function)
        {
            case AggregateFunction.CountDistinct:
                return values.Select(ValueComparer.Key).Where(k => k is not null).Distinct(StringComparer.Ordinal).Count();
            case AggregateFunction.NullFraction:
                return values.Count == 0 ? 0 : (double)values.Count(v => v is null) / values.Count;
        }

        var numbers = values.Where(IsNumber).ToList();
        var doubles = numbers.Select(ToDouble).Where(d => !double.IsNaN(d)).ToList();
        return rule.Function switch
        {
            AggregateFunction.Sum => doubles.Count == 0 ? 0 : Exact(numbers) is { } exact ? (double)exact : doubles.Sum(),
            _ when doubles.Count == 0 => null,
            AggregateFunction.Mean => Exact(numbers) is { } sum ? (double)(sum / numbers.Count) : doubles.Average(),
            AggregateFunction.Min => doubles.Min(),
            AggregateFunction.Max => doubles.Max(),
            AggregateFunction.StdDev => StdDev(doubles),
            AggregateFunction.Median => Quantile(doubles, 0.5),
            AggregateFunction.Quantile => Quantile(doubles, rule.Probability ?? throw new ArgumentException($"rule '{rule.Name}' has no quantile", nameof(rule))),
            _ => throw new ArgumentException($"rule '{rule.Name}' has no aggregate function", nameof(rule)),
        };
    }

    private static bool IsNumber(object? value) =>
        value is long or int or short or sbyte or byte or ushort or uint or ulong or double or float or decimal or BigInteger;

    private static double ToDouble(object? value) => value is BigInteger big ? (double)big : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    // Whole numbers and decimals summed exactly, as SQL sums them; null when a double is among them (then summed in double).
    private static decimal? Exact(IReadOnlyList<object?> numbers)
    {
        if (numbers.Any(n => n is double or float or BigInteger))
        {
            return null;
        }

        try
        {
            return numbers.Aggregate(0m, (sum, n) => sum + Convert.ToDecimal(n, CultureInfo.InvariantCulture));
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static double? StdDev(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return null;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    private static double Quantile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var position = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = (int)Math.Ceiling(position);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
    }
}
