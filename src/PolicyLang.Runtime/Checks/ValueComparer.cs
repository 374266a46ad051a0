using System.Globalization;
using System.Numerics;
using System.Text;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// Compares row values with rule operands the way the SQL stores do once their operands are typed: whole numbers and
/// decimals exactly, anything involving a double in double precision where NaN is unordered (no comparison but
/// <c>!=</c> holds), instants as UTC instants (a date is its midnight), booleans as booleans, text by Unicode code point.
/// </summary>
internal static class ValueComparer
{
    /// <summary>The order of <paramref name="left"/> and <paramref name="right"/>; null when they are unordered (NaN).</summary>
    public static int? Compare(object left, object right)
    {
        if (IsNumber(left) && IsNumber(right))
        {
            return CompareNumbers(left, right);
        }

        if (TryInstant(left, out var li) && TryInstant(right, out var ri))
        {
            return li.CompareTo(ri);
        }

        if (left is bool lb && right is bool rb)
        {
            return lb.CompareTo(rb);
        }

        return CompareCodePoints(Values.ToInvariantString(left)!, Values.ToInvariantString(right)!);
    }

    /// <summary>
    /// A key under which equal stored values group together (<c>unique</c>, <c>references</c>): numbers by value across
    /// CLR types (1, 1L, 1.0m and 1.0 are one value; -0 is 0; every NaN is one value), instants as UTC, others as text.
    /// </summary>
    public static string? Key(object? value) => value switch
    {
        null or DBNull => null,
        double or float => NumberKey(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        decimal m => DecimalKey(m),
        BigInteger big => big.ToString(CultureInfo.InvariantCulture),
        _ when IsNumber(value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ when TryInstant(value, out var instant) => Values.ToInvariantString(instant),
        _ => Values.ToInvariantString(value),
    };

    /// <summary>
    /// The <see cref="Key"/> of a tuple of values (a composite <c>unique</c> or <c>references</c>): equal when every part is equal;
    /// null when any part is null (such a row is ignored, as SQL's <c>UNIQUE</c> and Great Expectations' compound uniqueness do).
    /// Each part is length-prefixed, so no two tuples share a key.
    /// </summary>
    public static string? TupleKey(IEnumerable<object?> values)
    {
        var key = new StringBuilder();
        foreach (var value in values)
        {
            if (Key(value) is not { } part)
            {
                return null;
            }

            key.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        }

        return key.ToString();
    }

    public static bool TryInstant(object value, out DateTimeOffset instant)
    {
        switch (value)
        {
            case DateTimeOffset d: instant = d.ToUniversalTime(); return true;
            case DateTime d: instant = new DateTimeOffset(Values.AsUtc(d)); return true;
            case DateOnly d: instant = new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)); return true;
            default: instant = default; return false;
        }
    }

    private static bool IsNumber(object value) =>
        value is long or int or short or sbyte or byte or ushort or uint or ulong or double or float or decimal or BigInteger;

    private static int? CompareNumbers(object left, object right)
    {
        if (left is double or float || right is double or float)
        {
            double l = ToDouble(left), r = ToDouble(right);
            return double.IsNaN(l) || double.IsNaN(r) ? null : l.CompareTo(r);
        }

        if (left is decimal || right is decimal)
        {
            try { return Convert.ToDecimal(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(right, CultureInfo.InvariantCulture)); }
            catch (OverflowException) { return ToDouble(left).CompareTo(ToDouble(right)); }
        }

        return ToBigInteger(left).CompareTo(ToBigInteger(right));
    }

    private static double ToDouble(object value) => value is BigInteger big ? (double)big : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static BigInteger ToBigInteger(object value) => value switch
    {
        BigInteger big => big,
        ulong u => u,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static string NumberKey(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (d == 0)
        {
            return "0";
        }
        // Within decimal's exact range the shortest round-trip text is the value, so a double equal to a decimal gets its key.
        return Math.Abs(d) is > 1e-20 and < 1e20 ? DecimalKey(decimal.Parse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture))
            : d.ToString("R", CultureInfo.InvariantCulture);
    }

    // 1.50m and 1.5m are one value: drop trailing zeros of the scale.
    private static string DecimalKey(decimal m)
    {
        var text = m.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    private static int CompareCodePoints(string left, string right)
    {
        var l = left.EnumerateRunes();
        var r = right.EnumerateRunes();
        while (true)
        {
            bool hasLeft = l.MoveNext(), hasRight = r.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft.CompareTo(hasRight);
            }

            var c = l.Current.Value.CompareTo(r.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }
}
