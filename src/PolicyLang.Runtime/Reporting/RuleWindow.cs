namespace PolicyLang.Runtime.Reporting;

/// <summary>The rows an incremental rule checked: <see cref="Column"/> above <see cref="From"/> (exclusive; null: from the start) up to <see cref="To"/> (inclusive).</summary>
public sealed class RuleWindow
{
    /// <summary>The watermark column.</summary>
    public string Column { get; set; } = "";
    /// <summary>The previous successful run's watermark, canonical text; null on the first run.</summary>
    public string? From { get; set; }
    /// <summary>The highest value checked in this run, canonical text; null when no row was new.</summary>
    public string? To { get; set; }
}
