namespace PolicyLang.Contracts;

/// <summary>
/// The aggregate of an <see cref="RuleKind.Aggregate"/> rule. Numeric aggregates ignore nulls and NaN (as pandas does); see
/// docs/language.md "Aggregate expectations" for each one's definition, which every engine computes the same way.
/// </summary>
public enum AggregateFunction
{
    /// <summary><c>mean(col)</c>: the arithmetic mean of the numeric values.</summary>
    Mean,
    /// <summary><c>min(col)</c>.</summary>
    Min,
    /// <summary><c>max(col)</c>.</summary>
    Max,
    /// <summary><c>sum(col)</c>: 0 when there is no value.</summary>
    Sum,
    /// <summary><c>stddev(col)</c>: the sample standard deviation (n − 1); no value below two values.</summary>
    StdDev,
    /// <summary><c>median(col)</c>: the continuous 0.5 quantile.</summary>
    Median,
    /// <summary><c>quantile(col, p)</c>: the continuous quantile (linear interpolation between the two nearest ranks, as <c>percentile_cont</c>).</summary>
    Quantile,
    /// <summary><c>count distinct(col)</c>: the number of distinct non-null values.</summary>
    CountDistinct,
    /// <summary><c>null fraction(col)</c>: null rows / rows, 0 for an empty dataset; compared as a fraction (2% = 0.02).</summary>
    NullFraction,
}
