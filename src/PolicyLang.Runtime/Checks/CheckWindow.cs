using System.Globalization;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// The rows an incremental check reads (docs/incremental-checks.md): <see cref="Column"/> above <see cref="From"/> (exclusive; the
/// last successful run's watermark) up to <see cref="To"/> (inclusive; the highest value when the check began). Without
/// <see cref="From"/> (the first run) every row is read: those up to <see cref="To"/> and those whose column is null. With
/// <see cref="From"/> and no <see cref="To"/> no row is new and the window is empty. Values are canonical text
/// (<see cref="Values.ToInvariantString"/>), which every engine reads back as the column's own type.
/// </summary>
/// <param name="Column">The watermark column.</param>
/// <param name="From">The previous watermark; null on the first run.</param>
/// <param name="To">The new watermark; null when no row is above <see cref="From"/> (or the dataset is empty).</param>
public sealed record CheckWindow(string Column, string? From, string? To)
{
    /// <summary>True when no row can be in the window (there was a watermark and nothing is above it).</summary>
    public bool IsEmpty => From is not null && To is null;

    /// <summary>True on the first run: the window holds every row (<see cref="From"/> is unknown).</summary>
    public bool IsFull => From is null;

    /// <summary>
    /// The window as a SQL condition over <paramref name="quote"/>d <see cref="Column"/>, values bound through <paramref name="parameter"/>
    /// (as untyped text, so the engine reads them as the column's type); null when every row is in it.
    /// </summary>
    public string? Sql(Func<string, string> quote, Func<string, string> parameter)
    {
        var c = quote(Column);
        return (From, To) switch
        {
            (null, null) => null,
            (null, { } to) => $"({c} <= {parameter(to)} OR {c} IS NULL)",
            (_, null) => "FALSE",
            ({ } from, { } to) => $"{c} > {parameter(from)} AND {c} <= {parameter(to)}",
        };
    }

    /// <summary>Whether a row whose column holds <paramref name="value"/> is in the window (the in-memory and client-side reading of <see cref="Sql"/>).</summary>
    public bool Contains(object? value)
    {
        if (IsEmpty)
        {
            return false;
        }

        if (value is null or DBNull)
        {
            return IsFull;
        }

        return (From is null || ValueComparer.Compare(value, Parse(From)) > 0)
            && (To is null || ValueComparer.Compare(value, Parse(To)) <= 0);
    }

    /// <summary>
    /// A watermark's canonical text read back as a typed value for engines that do not cast text (MongoDB, the in-memory evaluator):
    /// an integer, a date (<c>yyyy-mm-dd</c>), an instant, else the text itself.
    /// </summary>
    public static object Parse(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        if (DateOnly.TryParseExact(text, Values.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : text;
    }

    /// <summary>How reports and plans show the window: <c>ts in (2026-12-01T00:00:00Z, 2026-12-02T00:00:00Z]</c>.</summary>
    public override string ToString() => IsEmpty
        ? $"{Column} > {From}: no new rows"
        : $"{Column} in ({From ?? "start"}, {To ?? "end"}]";
}
