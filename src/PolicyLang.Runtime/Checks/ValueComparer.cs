using System.Globalization;
using System.Numerics;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// Compares row values with rule operands the way SQL stores do: numbers numerically (whatever their CLR type),
/// instants as UTC instants, booleans as booleans, everything else as ordinal text.
/// </summary>
internal static class ValueComparer
{
    public static int Compare(object left, object right)
    {
        if (TryNumber(left, out var l) && TryNumber(right, out var r)) return l.CompareTo(r);
        if (TryInstant(left, out var li) && TryInstant(right, out var ri)) return li.CompareTo(ri);
        if (left is bool lb && right is bool rb) return lb.CompareTo(rb);
        return string.CompareOrdinal(Values.ToInvariantString(left), Values.ToInvariantString(right));
    }

    public static bool TryNumber(object value, out double number)
    {
        switch (value)
        {
            case long or int or short or sbyte or byte or ushort or uint or ulong or double or float or decimal:
                number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return true;
            case BigInteger big:
                number = (double)big;
                return true;
            default:
                number = 0;
                return false;
        }
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
}
