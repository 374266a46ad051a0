using System.Globalization;
using System.Text.RegularExpressions;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>Checks and converts written values: durations, dates, periods, counts, literals, env() names, encryption.</summary>
internal static partial class ValueBinder
{
    private static readonly Dictionary<string, DurationUnit> Units = new(StringComparer.Ordinal)
    {
        ["minute"] = DurationUnit.Minute, ["minutes"] = DurationUnit.Minute,
        ["hour"] = DurationUnit.Hour, ["hours"] = DurationUnit.Hour,
        ["day"] = DurationUnit.Day, ["days"] = DurationUnit.Day,
        ["week"] = DurationUnit.Week, ["weeks"] = DurationUnit.Week,
        ["month"] = DurationUnit.Month, ["months"] = DurationUnit.Month,
        ["year"] = DurationUnit.Year, ["years"] = DurationUnit.Year,
    };

    private static readonly Dictionary<string, SchedulePeriod> Periods = new(StringComparer.Ordinal)
    {
        ["day"] = SchedulePeriod.Day,
        ["week"] = SchedulePeriod.Week,
        ["month"] = SchedulePeriod.Month,
        ["quarter"] = SchedulePeriod.Quarter,
        ["year"] = SchedulePeriod.Year,
    };

    public static readonly string[] EncryptionMethods = ["aes256", "kms"];

    public static PolicyDuration? Duration(BindingContext ctx, DurationValueSyntax duration)
    {
        // NumberStyles.None rejects signs and decimal points: `-3 days` and `1.5 days` are not durations.
        if (!int.TryParse(duration.Amount.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            ctx.Report(BindingDiagnostics.InvalidDuration, duration, $"`{ctx.TextOf(duration)}` is not a valid duration: the amount must be a positive whole number");
            return null;
        }

        // INVARIANT: the grammar only accepts the units of this table.
        var unit = Units[duration.Unit.Name];
        if ((long)amount * MinutesPer(unit) > MaxDurationYears * MinutesPer(DurationUnit.Year))
        {
            ctx.Report(BindingDiagnostics.InvalidDuration, duration, $"`{ctx.TextOf(duration)}` is not a valid duration: it may be at most {MaxDurationYears} years");
            return null;
        }

        return new PolicyDuration(amount, unit);
    }

    // Longer windows reach before year 1 when subtracted from today; no real obligation is that long.
    private const long MaxDurationYears = 1000;

    private static long MinutesPer(DurationUnit unit) => unit switch
    {
        DurationUnit.Minute => 1,
        DurationUnit.Hour => 60,
        DurationUnit.Day => 60 * 24,
        DurationUnit.Week => 60 * 24 * 7,
        DurationUnit.Month => 60 * 24 * 31,
        _ => 60 * 24 * 366,
    };

    public static PolicyDuration? Duration(BindingContext ctx, ValueSyntax value) =>
        value is DurationValueSyntax duration ? Duration(ctx, duration) : null;

    public static DateOnly? Date(BindingContext ctx, DateValueSyntax date)
    {
        if (DateOnly.TryParseExact(date.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        ctx.Report(BindingDiagnostics.InvalidDate, date, $"`{date.Text}` is not a calendar date; dates are written yyyy-mm-dd");
        return null;
    }

    public static SchedulePeriod? Period(BindingContext ctx, ValueSyntax value)
    {
        var word = value is WordValueSyntax w ? w.Word.Name : ctx.TextOf(value);
        if (Periods.TryGetValue(word, out var period))
        {
            return period;
        }

        ctx.Report(BindingDiagnostics.InvalidSchedulePeriod, value, $"`{word}` is not a schedule period{Names.HintOrAllowed(word, Periods.Keys)}");
        return null;
    }

    /// <summary>Digits only, yet beyond <see cref="int.MaxValue"/>: a count that is too large rather than malformed.</summary>
    public static bool IsTooLargeCount(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>A whole number of at least <paramref name="minimum"/>; <paramref name="what"/> names it in the message.</summary>
    public static int? Count(BindingContext ctx, ValueSyntax value, int minimum, string what)
    {
        if (value is NumberValueSyntax number
            && int.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count)
            && count >= minimum)
        {
            return count;
        }

        ctx.Report(BindingDiagnostics.InvalidCount, value, value is NumberValueSyntax n && IsTooLargeCount(n.Text)
            ? $"{what} is too large: `{n.Text}`; the largest count is {int.MaxValue:#,0}"
            : $"{what} must be a whole number of at least {minimum}, not `{ctx.TextOf(value)}`");
        return null;
    }

    /// <summary>
    /// A rule operand or test-row value. <paramref name="inTestRow"/> allows <c>null</c> and <c>now</c>,
    /// which mean nothing as rule operands. Returns null after reporting when the value is not a literal.
    /// </summary>
    public static BoundLiteral? Literal(BindingContext ctx, ValueSyntax value, bool inTestRow)
    {
        var location = ctx.Locate(value);
        switch (value)
        {
            case StringValueSyntax s:
                return new BoundLiteral(s.Value, location);
            case NumberValueSyntax n when long.TryParse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole):
                return new BoundLiteral(whole, location);
            case NumberValueSyntax n when double.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real):
                return new BoundLiteral(real, location);
            case NumberValueSyntax:
                ctx.Report(BindingDiagnostics.InvalidLiteral, value, "this number is too large to compare with");
                return null;
            case DateValueSyntax d:
                return Date(ctx, d) is { } date ? new BoundLiteral(date, location) : null;
            case WordValueSyntax { Word.Name: "true" }:
                return new BoundLiteral(true, location);
            case WordValueSyntax { Word.Name: "false" }:
                return new BoundLiteral(false, location);
            case WordValueSyntax { Word.Name: "null" } when inTestRow:
                return new BoundLiteral(null, location);
            case WordValueSyntax { Word.Name: "now" } when inTestRow:
                return new BoundLiteral(null, location, IsNow: true);
            case WordValueSyntax { Word.Name: "null" }:
                ctx.Report(BindingDiagnostics.InvalidLiteral, value, "`null` is not a value to compare with; write `not null`, or add `or null` to allow nulls");
                return null;
            case WordValueSyntax w:
                ctx.Report(BindingDiagnostics.InvalidLiteral, value, $"`{w.Word.Name}` is not a value; write text in quotes: `\"{w.Word.Name}\"`");
                return null;
            case PercentValueSyntax:
                ctx.Report(BindingDiagnostics.InvalidLiteral, value, $"a percentage such as `{ctx.TextOf(value)}` is not a value here; write a number");
                return null;
            default:
                ctx.Report(BindingDiagnostics.InvalidLiteral, value, $"`{ctx.TextOf(value)}` is not a single value here");
                return null;
        }
    }

    /// <summary>The variable named by <c>env("NAME")</c>, or null after reporting a malformed name.</summary>
    public static string? EnvironmentVariable(BindingContext ctx, EnvValueSyntax env)
    {
        var name = env.Variable.Value;
        if (EnvName().IsMatch(name))
        {
            return name;
        }

        var what = name.Length == 0 ? "`env(\"\")` names no variable" : $"`{name}` is not a valid environment variable name";
        ctx.Report(BindingDiagnostics.InvalidEnvironmentVariable, env.Variable, $"{what}: use letters, digits and `_`, not starting with a digit");
        return null;
    }

    /// <summary><c>encryption aes256 | kms "key-id"</c>: the method and the key id (kms only).</summary>
    public static (string Method, string? Key)? Encryption(BindingContext ctx, SettingSyntax setting)
    {
        if (setting.Values is not [WordValueSyntax method, ..])
        {
            ctx.Report(BindingDiagnostics.WrongValueKind, setting.Values[0], "`encryption` expects `aes256` or `kms \"key-id\"`, with the method written without quotes");
            return null;
        }

        var name = method.Word.Name;
        var key = setting.Values.Count > 1 ? setting.Values[1] as StringValueSyntax : null;
        switch (name)
        {
            case "kms" when key is null || key.Value.Length == 0:
                ctx.Report(BindingDiagnostics.MissingKmsKey, setting, "`encryption kms` needs the key id: `encryption kms \"key-id\"`");
                return null;
            case "kms":
                return (name, key!.Value);
            case "aes256" when key is not null:
                ctx.Report(BindingDiagnostics.InvalidSettingValue, key, "`aes256` encryption takes no key id; use `kms \"key-id\"` for a managed key");
                return null;
            case "aes256":
                return (name, null);
            default:
                ctx.Report(BindingDiagnostics.InvalidSettingValue, method, $"`{name}` is not an encryption method{Names.HintOrAllowed(name, EncryptionMethods)}");
                return null;
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();
}
