using System.Globalization;
using System.Text;
using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Emit;

/// <summary>C# source for literal values: every string from a policy goes through <see cref="String"/>.</summary>
public static class CSharpLiteral
{
    public static string String(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c > 126 => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A test row's value: a date is a <c>DateOnly</c> (the runner converts it to its column's CLR type), <c>now</c> the runner's clock.</summary>
    public static string Value(BoundLiteral literal) => literal switch
    {
        { IsNow: true } => "global::PolicyLang.Runtime.Testing.PolicyTestCase.Now",
        { Value: DateOnly date } => $"new global::System.DateOnly({date.Year}, {date.Month}, {date.Day})",
        _ => Object(literal.Value),
    };

    public static string Object(object? value) => value switch
    {
        null => "null",
        string s => String(s),
        bool b => Bool(b),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        int i => i.ToString(CultureInfo.InvariantCulture) + "L",
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) + "d" : throw new ArgumentOutOfRangeException(nameof(value), "non-finite number"),
        decimal m => ((double)m).ToString("R", CultureInfo.InvariantCulture) + "d",
        DateOnly date => $"new global::System.DateTimeOffset({date.Year}, {date.Month}, {date.Day}, 0, 0, 0, global::System.TimeSpan.Zero)",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "no C# literal form"),
    };

    public static string Duration(PolicyDuration duration) =>
        $"new Duration({duration.Amount}, {Member(duration.Unit)})";

    /// <summary>
    /// A member of an enum the generated code shares with this assembly (<see cref="RuleKind"/>, <see cref="LocationKind"/>,
    /// <see cref="DurationUnit"/>: PolicyLang.Contracts), named by its type, so a renamed member fails here, not in generated code:
    /// <c>RuleKind.NotNull</c>. The generated file imports <see cref="ContractsNamespace"/>.
    /// </summary>
    public static string Member<T>(T value)
        where T : struct, Enum =>
        $"{typeof(T).Name}.{Enum.GetName(value) ?? throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(T).Name}")}";

    /// <summary>The namespace of the shared vocabulary (<see cref="Member"/>), imported by every generated file.</summary>
    public static string ContractsNamespace => typeof(RuleKind).Namespace!;

    public static string StringList(IEnumerable<string> values)
    {
        var items = values.Select(String).ToArray();
        return items.Length == 0 ? "[]" : $"[{string.Join(", ", items)}]";
    }

    /// <summary>
    /// Policy text inside a <c>///</c> comment: XML's special characters escaped (else CS1570 under
    /// GenerateDocumentationFile), and every C# line terminator a space (else the rest of the text would be code).
    /// </summary>
    public static string XmlDocText(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' => " ",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>A C# identifier fragment from a policy name (<c>gaia_sources</c>, <c>astronomy-lab</c>).</summary>
    public static string Identifier(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.Length > 0 && char.IsAsciiDigit(builder[0]) ? "_" + builder : builder.ToString();
    }

    /// <summary><c>astronomy-lab</c> → <c>AstronomyLab</c>.</summary>
    public static string Pascal(string name)
    {
        var parts = name.Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        var joined = string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return Identifier(joined.Length == 0 ? "Policy" : joined);
    }
}
