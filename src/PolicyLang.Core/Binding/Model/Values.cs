namespace PolicyLang.Core.Binding.Model;

/// <summary>A checked duration such as <c>30 days</c> (amount &gt; 0).</summary>
public readonly record struct PolicyDuration(int Amount, DurationUnit Unit)
{
    public override string ToString()
    {
        var unit = Unit.ToString().ToLowerInvariant();
        return Amount == 1 ? $"1 {unit}" : $"{Amount} {unit}s";
    }
}

/// <summary>Schedule periods of backups: <c>every week keep 4</c>, <c>restore-test every quarter</c>.</summary>
public enum SchedulePeriod
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// <summary>A literal operand after binding: <see cref="Value"/> is a string, long, double, bool, DateOnly, or null; <see cref="IsNow"/> marks <c>now</c> in test rows.</summary>
public sealed record BoundLiteral(object? Value, SourceLocation Location, bool IsNow = false)
{
    /// <summary>A string as an author writes it: quotes escaped; other backslashes are kept as written (regexes read naturally).</summary>
    public static string Quote(string value) => $"\"{value.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    public override string ToString() => IsNow ? "now" : Value switch
    {
        null => "null",
        string s => Quote(s),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? string.Empty,
    };
}

/// <summary>A store setting: a literal, or an environment variable read at run time (never its value).</summary>
public sealed record BoundSetting(string Keyword, string? Literal, string? EnvironmentVariable, SourceLocation Location)
{
    /// <summary>A second value where the setting has one: the key id of <c>encryption kms "key-id"</c>.</summary>
    public string? Argument { get; init; }
}
