using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Testing;

/// <summary>
/// One <c>test</c> row of a policy. Row values are <see cref="string"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="bool"/>, null, <see cref="DateOnly"/>, or <see cref="Now"/>, which the runner replaces with its clock; the runner
/// then converts each to its column's CLR type (<see cref="Checks.ColumnValues"/>).
/// </summary>
/// <param name="Dataset">The dataset whose rules the row is checked against.</param>
/// <param name="Row">Column values.</param>
/// <param name="ExpectPass">True for <c>passes</c>: no rule may fail.</param>
/// <param name="ExpectedFailures">For <c>fails a, b</c>: rule names that must fail (others may fail too).</param>
/// <param name="Source">Where the test is written.</param>
public sealed record PolicyTestCase(
    string Dataset,
    IReadOnlyDictionary<string, object?> Row,
    bool ExpectPass,
    IReadOnlyList<string> ExpectedFailures,
    SourceRef Source)
{
    /// <summary>The value generated code writes for <c>now</c> in a test row; replaced by the test run's clock.</summary>
    public static readonly object Now = new NowMarker();

    private sealed class NowMarker
    {
        public override string ToString() => "now";
    }
}
