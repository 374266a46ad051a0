using System.Globalization;
using System.Numerics;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// The one CLR type each column type family has in a <c>csharp</c> rule, the same in <c>policyc test</c> (test rows),
/// <c>policyc run</c> (every store) and the generated typed executors (docs/values-and-types.md):
/// text → <see cref="string"/>; whole numbers → <see cref="long"/> (<see cref="BigInteger"/> beyond its range);
/// <c>numeric</c>/<c>decimal</c> → <see cref="decimal"/>; <c>double</c>/<c>float</c>/<c>real</c> → <see cref="double"/>;
/// booleans → <see cref="bool"/>; timestamps (with or without time zone) → <see cref="DateTimeOffset"/> in UTC (offset zero);
/// <c>date</c> → <see cref="DateOnly"/>; <c>time</c> → <see cref="TimeOnly"/>; <c>uuid</c> → <see cref="Guid"/>;
/// json and documents → their JSON text (SQL stores) or nested dictionaries and arrays (MongoDB).
/// A declared column type decides; an undeclared column gets the type of its live value's family.
/// </summary>
public static class ColumnValues
{
    /// <summary>Every field of <paramref name="row"/> as <see cref="For"/> gives it.</summary>
    public static IReadOnlyDictionary<string, object?> Row(DatasetModel dataset, IReadOnlyDictionary<string, object?> row)
    {
        var result = new Dictionary<string, object?>(row.Count, StringComparer.Ordinal);
        foreach (var (name, value) in row)
        {
            result[name] = For(dataset, name, value);
        }

        return result;
    }

    /// <summary>The value of <paramref name="column"/> in its family's CLR type (the declared type when the dataset declares one).</summary>
    public static object? For(DatasetModel dataset, string column, object? value)
    {
        // Stores may fold a name's case (PostgreSQL); the row view matches names the same way.
        var declared = dataset.Columns.FirstOrDefault(c => c.Name == column)
            ?? dataset.Columns.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase));
        return ForType(declared is null ? null : TypeFamilies.Declared(dataset, declared.Name), value);
    }

    /// <summary>
    /// <paramref name="value"/> in the CLR type of <paramref name="declaredType"/> (lower case, without arguments), or, when the
    /// type is null or not one of the families, in the type of its own family (<see cref="Canonical"/>).
    /// </summary>
    public static object? ForType(string? declaredType, object? value)
    {
        value = Canonical(value);
        if (value is null || declaredType is null)
        {
            return value;
        }

        return (Family(declaredType), value) switch
        {
            (ClrFamily.Date, DateTimeOffset d) => DateOnly.FromDateTime(d.UtcDateTime),
            (ClrFamily.Time, TimeSpan t) when t >= TimeSpan.Zero && t < TimeSpan.FromDays(1) => TimeOnly.FromTimeSpan(t),
            (ClrFamily.Time, DateTimeOffset d) => TimeOnly.FromDateTime(d.UtcDateTime),
            (ClrFamily.Timestamp, DateOnly d) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            (ClrFamily.Decimal, long l) => (decimal)l,
            (ClrFamily.Decimal, double d) when double.IsFinite(d) && Math.Abs(d) < 7.9e28 =>
                decimal.Parse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture),
            (ClrFamily.Double, long l) => (double)l,
            (ClrFamily.Double, decimal m) => (double)m,
            (ClrFamily.Double, BigInteger b) => (double)b,
            (ClrFamily.Integer, decimal m) when m == decimal.Truncate(m) && m >= long.MinValue && m <= long.MaxValue => (long)m,
            (ClrFamily.Uuid, string s) when Guid.TryParse(s, out var g) => g,
            (ClrFamily.Text, Guid g) => g.ToString(),
            _ => value,
        };
    }

    /// <summary>
    /// A driver's value in its family's CLR type, by its CLR type alone: smaller integers → long (BigInteger, UInt64 beyond
    /// long → BigInteger), float → double, DateTime → UTC DateTimeOffset (an unspecified DateTime is read as UTC), DBNull → null.
    /// Dates (<see cref="DateOnly"/>) and times of day (<see cref="TimeOnly"/>) are returned as such by DuckDB; other stores
    /// convert their date and time columns by live type before rows reach here.
    /// </summary>
    public static object? Canonical(object? value) => value switch
    {
        null or DBNull => null,
        int i => (long)i,
        short s => (long)s,
        sbyte b => (long)b,
        byte b => (long)b,
        ushort u => (long)u,
        uint u => (long)u,
        ulong u => u <= long.MaxValue ? (long)u : new BigInteger(u),
        BigInteger b => b >= long.MinValue && b <= long.MaxValue ? (long)b : b,
        float f => (double)f,
        DateTime d => new DateTimeOffset(Values.AsUtc(d)),
        DateTimeOffset d => d.ToUniversalTime(),
        _ => value,
    };

    private enum ClrFamily { Other, Text, Integer, Decimal, Double, Boolean, Timestamp, Date, Time, Uuid }

    private static ClrFamily Family(string type) => type switch
    {
        "date" => ClrFamily.Date,
        "time" or "time without time zone" => ClrFamily.Time,
        "numeric" or "decimal" => ClrFamily.Decimal,
        "double" or "double precision" or "float" or "float4" or "float8" or "real" => ClrFamily.Double,
        "uuid" => ClrFamily.Uuid,
        _ => TypeFamilies.Family(type) switch
        {
            ColumnTypeFamily.Text => ClrFamily.Text,
            ColumnTypeFamily.Integer => ClrFamily.Integer,
            ColumnTypeFamily.Boolean => ClrFamily.Boolean,
            ColumnTypeFamily.Time => ClrFamily.Timestamp,
            _ => ClrFamily.Other,
        },
    };
}
