namespace PolicyLang.Core.Parsing;

/// <summary>How each aggregate is written (<c>count distinct</c>) and named in a default rule name (<c>count_distinct</c>).</summary>
public static class AggregateWords
{
    /// <summary>The aggregates as written before their parenthesis, in <see cref="AggregateFunction"/> order.</summary>
    public static readonly IReadOnlyDictionary<AggregateFunction, string> Written = new Dictionary<AggregateFunction, string>
    {
        [AggregateFunction.Mean] = "mean",
        [AggregateFunction.Min] = "min",
        [AggregateFunction.Max] = "max",
        [AggregateFunction.Sum] = "sum",
        [AggregateFunction.StdDev] = "stddev",
        [AggregateFunction.Median] = "median",
        [AggregateFunction.Quantile] = "quantile",
        [AggregateFunction.CountDistinct] = "count distinct",
        [AggregateFunction.NullFraction] = "null fraction",
    };

    /// <summary>The part of a default rule name for <paramref name="function"/>: <c>mean</c>, <c>count_distinct</c>.</summary>
    public static string NamePart(AggregateFunction function) => Written[function].Replace(' ', '_');

    /// <summary>True for aggregates of numbers (every one but <c>count distinct</c> and <c>null fraction</c>, which take any column).</summary>
    public static bool IsNumeric(AggregateFunction function) => function is not (AggregateFunction.CountDistinct or AggregateFunction.NullFraction);
}
