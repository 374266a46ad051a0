namespace PolicyLang.Runtime.Model;

/// <summary>A policy duration such as <c>30 days</c>; months and years are calendar units.</summary>
public readonly record struct Duration(int Amount, DurationUnit Unit)
{
    /// <summary>The instant <c>this</c> before <paramref name="now"/>: rows older than it are past the window.</summary>
    public DateTimeOffset Before(DateTimeOffset now) => Unit switch
    {
        DurationUnit.Minute => now.AddMinutes(-Amount),
        DurationUnit.Hour => now.AddHours(-Amount),
        DurationUnit.Day => now.AddDays(-Amount),
        DurationUnit.Week => now.AddDays(-7 * Amount),
        DurationUnit.Month => now.AddMonths(-Amount),
        DurationUnit.Year => now.AddYears(-Amount),
        _ => throw new ArgumentOutOfRangeException(nameof(Unit), Unit, "unknown duration unit"),
    };

    /// <inheritdoc />
    public override string ToString()
    {
        var unit = Unit.ToString().ToLowerInvariant();
        return Amount == 1 ? $"1 {unit}" : $"{Amount} {unit}s";
    }
}
