using System.Text;

namespace PolicyLang.Runtime.Differential;

/// <summary>
/// How the language compares a value with an operand (docs/language.md, "Semantics of rules"), written independently of
/// the runtime: integers and decimals exactly; anything involving a double in double precision, where NaN is unordered
/// (no comparison holds but <c>!=</c>); text by Unicode code point; dates as midnight UTC and timestamps as UTC instants;
/// false before true.
/// </summary>
public static class SpecValues
{
    /// <summary>The order of <paramref name="a"/> and <paramref name="b"/>, or null when they are unordered (a NaN is involved).</summary>
    public static int? Order(object a, object b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            if (a is double or float || b is double or float)
            {
                double x = Convert.ToDouble(a), y = Convert.ToDouble(b);
                return double.IsNaN(x) || double.IsNaN(y) ? null : x < y ? -1 : x > y ? 1 : 0;
            }

            return Convert.ToDecimal(a).CompareTo(Convert.ToDecimal(b));
        }

        if (Ticks(a) is { } ta && Ticks(b) is { } tb)
        {
            return ta.CompareTo(tb);
        }

        if (a is bool ba && b is bool bb)
        {
            return ba.CompareTo(bb);
        }

        if (a is string sa && b is string sb)
        {
            return CodePoints(sa, sb);
        }

        throw new ArgumentException($"the generator never compares {a.GetType().Name} with {b.GetType().Name}");
    }

    /// <summary>True when <paramref name="a"/> equals <paramref name="b"/> as an operand (<c>=</c>, <c>in</c>): NaN equals nothing.</summary>
    public static bool Equal(object a, object b) => Order(a, b) == 0;

    /// <summary>True when two stored values are the same value (<c>unique</c>, <c>references</c>): like <see cref="Equal"/>, and NaN is NaN.</summary>
    public static bool Same(object a, object b) => Equal(a, b) || (IsNaN(a) && IsNaN(b));

    private static bool IsNaN(object v) => v is double d && double.IsNaN(d);

    private static bool IsNumber(object v) => v is int or long or decimal or double or float;

    private static long? Ticks(object v) => v switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue).Ticks,
        DateTime d => d.Ticks,
        DateTimeOffset d => d.UtcTicks,
        _ => null,
    };

    private static int CodePoints(string a, string b)
    {
        using var x = a.EnumerateRunes().GetEnumerator();
        using var y = b.EnumerateRunes().GetEnumerator();
        while (true)
        {
            bool hasX = x.MoveNext(), hasY = y.MoveNext();
            if (!hasX || !hasY)
            {
                return hasX.CompareTo(hasY);
            }

            var c = x.Current.Value.CompareTo(y.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }
}
