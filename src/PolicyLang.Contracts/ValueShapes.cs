using System.Globalization;
using System.Text;

namespace PolicyLang.Contracts;

/// <summary><c>length(column)</c>: the number of Unicode code points of the column's text (null when the column is null).</summary>
public sealed record LengthOperand(string Column) : RowOperand;

/// <summary>What <c>column parses as ...</c> tests the column's text for.</summary>
public enum ParseFormat
{
    /// <summary><c>as date "yyyy-MM-dd"</c>: the text is exactly the pattern with real calendar values (<see cref="DatePattern"/>).</summary>
    Date,
    /// <summary><c>as json</c>: the text is one JSON value (RFC 8259: an object, array, string, number, true, false or null).</summary>
    Json,
    /// <summary><c>as number</c>: the text is a decimal numeral (<see cref="ValueShapes.NumberPattern"/>): no spaces, no NaN or infinity.</summary>
    Number,
}

/// <summary>
/// <c>column parses as date "yyyy-MM-dd"</c> / <c>as json</c> / <c>as number</c>: true when the column's text parses, false when it does not,
/// unknown when the column is null. <see cref="Pattern"/> is the date pattern (null for json and number).
/// </summary>
public sealed record ParsesCondition(string Column, ParseFormat Format, string? Pattern) : RowCondition;

/// <summary>The field of a <see cref="DatePattern"/>: its place in the text and its range.</summary>
/// <param name="Letters">The pattern letters: yyyy, MM, dd, HH, mm, ss.</param>
/// <param name="Start">Its first character in the text (0-based).</param>
/// <param name="Min">Its least value.</param>
/// <param name="Max">Its greatest value (a day's is also limited by its month).</param>
public sealed record DateField(string Letters, int Start, int Min, int Max)
{
    /// <summary>Its width in digits (every field is fixed-width).</summary>
    public int Length => Letters.Length;
}

/// <summary>
/// The portable date patterns of <c>parses as date</c>: the fields <c>yyyy</c> (0001–9999), <c>MM</c> (01–12), <c>dd</c> (01 to the
/// month's last day, leap years by the Gregorian rule; 29 for February without a year), <c>HH</c> (00–23), <c>mm</c>, <c>ss</c> (00–59),
/// each at most once and written with exactly its digits (ASCII), separated by the literal characters <c>- / . : _ ,</c>, a space or
/// <c>T</c>. Every engine tests a value the same way: the whole text matches <see cref="Regex"/>, then each field is in its range.
/// </summary>
public sealed record DatePattern(string Written, string Regex, IReadOnlyList<DateField> Fields)
{
    private static readonly (string Letters, int Min, int Max)[] Known =
        [("yyyy", 1, 9999), ("MM", 1, 12), ("dd", 1, 31), ("HH", 0, 23), ("mm", 0, 59), ("ss", 0, 59)];

    /// <summary>The literal characters a pattern may hold between its fields.</summary>
    public const string Separators = "-/.:_, T";

    /// <summary>The pattern, or null with <paramref name="problem"/> saying what is outside the portable patterns.</summary>
    public static DatePattern? Parse(string pattern, out string problem)
    {
        problem = string.Empty;
        var regex = new StringBuilder("^");
        var fields = new List<DateField>();
        var at = 0;
        while (at < pattern.Length)
        {
            var run = 1;
            while (at + run < pattern.Length && char.IsAsciiLetter(pattern[at]) && pattern[at + run] == pattern[at])
            {
                run++;
            }

            var field = Known.FirstOrDefault(k => k.Letters.Length == run && string.CompareOrdinal(pattern, at, k.Letters, 0, run) == 0);
            if (field.Letters is { } letters)
            {
                if (fields.Any(f => f.Letters == letters))
                {
                    problem = $"`{letters}` appears twice";
                    return null;
                }

                fields.Add(new DateField(letters, at, field.Min, field.Max));
                regex.Append("[0-9]{").Append(letters.Length.ToString(CultureInfo.InvariantCulture)).Append('}');
                at += letters.Length;
            }
            else if (Separators.Contains(pattern[at], StringComparison.Ordinal))
            {
                regex.Append(char.IsAsciiLetterOrDigit(pattern[at]) || pattern[at] == ' ' ? pattern[at].ToString() : "\\" + pattern[at]);
                at++;
            }
            else
            {
                problem = $"`{pattern.Substring(at, run)}` is not a field (yyyy, MM, dd, HH, mm, ss) or a separator (- / . : _ , space T)";
                return null;
            }
        }

        if (fields.Count == 0)
        {
            problem = "it has no field (yyyy, MM, dd, HH, mm, ss)";
            return null;
        }

        return new DatePattern(pattern, regex.Append('$').ToString(), fields);
    }

    /// <summary>The field named <paramref name="letters"/>, if the pattern has it.</summary>
    public DateField? Field(string letters) => Fields.FirstOrDefault(f => f.Letters == letters);
}

/// <summary>The reference tests of <see cref="ParsesCondition"/> and <see cref="LengthOperand"/> over a text, which every engine renders.</summary>
public static class ValueShapes
{
    /// <summary>A decimal numeral (portable regex subset): an optional sign, digits with an optional fraction (or a fraction alone), an optional exponent.</summary>
    public const string NumberPattern = "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$";

    /// <summary>The number of Unicode code points of <paramref name="text"/> (a surrogate pair is one).</summary>
    public static long Length(string text)
    {
        long n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            n++;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        return n;
    }

    /// <summary>The last day of <paramref name="month"/> in <paramref name="year"/> (Gregorian; null year: a leap year, so 29 February passes).</summary>
    public static int LastDay(int? year, int month) => month switch
    {
        4 or 6 or 9 or 11 => 30,
        2 => year is not { } y || (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28,
        _ => 31,
    };

    /// <summary>True when <paramref name="text"/> is a date as <paramref name="pattern"/> writes one.</summary>
    public static bool IsDate(string text, DatePattern pattern)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(text, pattern.Regex.Replace("$", "\\z", StringComparison.Ordinal), System.Text.RegularExpressions.RegexOptions.CultureInvariant))
        {
            return false;
        }

        int Value(DateField f) => int.Parse(text.AsSpan(f.Start, f.Length), NumberStyles.None, CultureInfo.InvariantCulture);
        if (pattern.Fields.Any(f => Value(f) < f.Min || Value(f) > f.Max))
        {
            return false;
        }

        return pattern.Field("dd") is not { } day || pattern.Field("MM") is not { } month
            || Value(day) <= LastDay(pattern.Field("yyyy") is { } year ? Value(year) : null, Value(month));
    }
}
