using System.Text;

// One definition of the language's portable subset: the binder warns on a pattern outside it (GOV0218), each store
// translates patterns into its engine's dialect.
namespace PolicyLang.Contracts;

/// <summary>The regular-expression engines <c>matches</c> runs on.</summary>
public enum RegexDialect
{
    /// <summary>.NET <c>Regex</c> (the in-memory evaluator): UTF-16 code units, Unicode <c>\d \s \w</c>, <c>$</c> also before a final newline.</summary>
    DotNet,
    /// <summary>RE2 (DuckDB <c>regexp_matches</c>).</summary>
    Re2,
    /// <summary>PostgreSQL advanced regular expressions (<c>~</c>): <c>.</c> matches a newline, classes follow the locale.</summary>
    Postgres,
    /// <summary>PCRE (MongoDB <c>$regexMatch</c>): <c>$</c> also before a final newline, <c>\v</c> is a class.</summary>
    Pcre,
}

/// <summary>
/// The portable subset of <c>matches</c> patterns and its translation into each engine's dialect, so every engine finds the
/// same matches (docs/language.md, "Regular expressions"). The subset: literals (any character but an astral one inside a
/// class), <c>\</c> before punctuation, <c>\t \n \r \f \v</c>, <c>.</c> (any character but a newline), classes
/// <c>[...]</c> and <c>[^...]</c> with ranges, <c>\d \s \w \D \S \W</c> (ASCII: <c>[0-9]</c>, <c>[\t\n\v\f\r ]</c>,
/// <c>[0-9A-Za-z_]</c>; only the lower-case ones inside classes), groups <c>( )</c> and <c>(?: )</c>, <c>|</c>, quantifiers
/// <c>* + ? {n} {n,} {n,m}</c> (each optionally lazy), <c>^</c> and <c>$</c> at the very start and end of the value.
/// Matching is a case-sensitive search over code points. Anything else (back-references, look-around, inline flags, word
/// boundaries, <c>\p{..}</c>, POSIX classes, <c>\x</c> and <c>\u</c> escapes) means different things to different engines:
/// such a pattern runs as written in each store's own dialect (<see cref="ForEngine"/>), the compiler warns (GOV0218) and
/// the rule's result carries a note, so counts may differ between engines only for patterns the author was warned about.
/// </summary>
public static class PortableRegex
{
    private const string Digit = "0-9";
    private const string Word = "0-9A-Za-z_";

    /// <summary>The pattern in <paramref name="dialect"/>; throws <see cref="ArgumentException"/> naming what is outside the portable subset.</summary>
    public static string Translate(string pattern, RegexDialect dialect) => new Translator(pattern, dialect).Run();

    /// <summary>
    /// The pattern <paramref name="dialect"/> runs: the translation of a portable pattern, or the pattern as written when it
    /// is outside the subset (the store's own dialect decides; PostgreSQL's for a postgres store, as the language promises).
    /// </summary>
    public static string ForEngine(string pattern, RegexDialect dialect)
    {
        try
        {
            return Translate(pattern, dialect);
        }
        catch (ArgumentException)
        {
            return pattern;
        }
    }

    /// <summary>Why <paramref name="pattern"/> is not portable, or null when it is.</summary>
    public static string? Problem(string pattern)
    {
        try
        {
            Translate(pattern, RegexDialect.Re2);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private sealed class Translator(string pattern, RegexDialect dialect)
    {
        private readonly StringBuilder output = new();
        private int i;

        public string Run()
        {
            while (i < pattern.Length)
            {
                var c = pattern[i++];
                switch (c)
                {
                    case '\\': Escape(); break;
                    case '[': Class(); break;
                    case '.': Append(AnyButNewline()); break;
                    case '$': output.Append(dialect switch { RegexDialect.DotNet => @"\z", RegexDialect.Pcre => @"(?![\s\S])", _ => "$" }); break;
                    case '(': Group(); break;
                    case '{': Repetition(); break;
                    case '*' or '+' or '?': output.Append(c); Lazy(); break;
                    case '^' or '|' or ')': output.Append(c); break;
                    case ']' or '}': output.Append('\\').Append(c); break;
                    default: Literal(c); break;
                }
            }

            return output.ToString();
        }

        private void Escape()
        {
            if (i >= pattern.Length)
            {
                throw NotPortable("a pattern ending in `\\`");
            }

            var c = pattern[i++];
            switch (c)
            {
                case 'd': Append($"[{Digit}]"); break;
                case 'D': Append(Negated(Digit)); break;
                case 'w': Append($"[{Word}]"); break;
                case 'W': Append(Negated(Word)); break;
                case 's': Append($"[{Space()}]"); break;
                case 'S': Append(Negated(Space())); break;
                case 'v': Append($"[{VerticalTab()}]"); break;
                case 't' or 'n' or 'r' or 'f': output.Append('\\').Append(c); break;
                default:
                    if (c < 128 && !char.IsAsciiLetterOrDigit(c)) { output.Append('\\').Append(c); break; }

                    throw NotPortable($"`\\{c}`");
            }
        }

        private void Class()
        {
            var body = new StringBuilder();
            var negated = i < pattern.Length && pattern[i] == '^';
            if (negated)
            {
                i++;
            }

            if (i < pattern.Length && pattern[i] == ']')
            {
                throw NotPortable("`]` first in a class (write `\\]`)");
            }

            while (true)
            {
                if (i >= pattern.Length)
                {
                    throw NotPortable("an unterminated class");
                }

                var c = pattern[i++];
                if (c == ']')
                {
                    break;
                }

                if (c == '[' && i < pattern.Length && pattern[i] is ':' or '=' or '.')
                {
                    throw NotPortable($"`[{pattern[i]}` inside a class");
                }

                if (char.IsSurrogate(c))
                {
                    throw NotPortable("a character outside the Basic Multilingual Plane inside a class");
                }

                if (c != '\\') { body.Append(c is '[' ? "\\[" : c.ToString()); continue; }

                if (i >= pattern.Length)
                {
                    throw NotPortable("a pattern ending in `\\`");
                }

                var e = pattern[i++];
                body.Append(e switch
                {
                    'd' => Digit,
                    'w' => Word,
                    's' => Space(),
                    'v' => VerticalTab(),
                    't' or 'n' or 'r' or 'f' => "\\" + e,
                    _ when e < 128 && !char.IsAsciiLetterOrDigit(e) => "\\" + e,
                    _ => throw NotPortable($"`\\{e}` inside a class"),
                });
            }

            if (body.Length == 0)
            {
                throw NotPortable("an empty class");
            }

            Append(negated ? Negated(body.ToString()) : $"[{body}]");
        }

        private void Group()
        {
            if (i < pattern.Length && pattern[i] == '?')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == ':') { output.Append("(?:"); i += 2; return; }

                throw NotPortable("`(?` other than `(?:` (look-around, inline flags, named groups)");
            }

            output.Append('(');
        }

        private void Repetition()
        {
            var end = pattern.IndexOf('}', i);
            var body = end < 0 ? "" : pattern[i..end];
            var parts = body.Split(',');
            if (end < 0 || parts.Length > 2 || parts[0].Length == 0 || !parts.All(p => p.All(char.IsAsciiDigit)))
            {
                throw NotPortable("`{` that does not start a repetition {n}, {n,} or {n,m} (write `\\{`)");
            }

            output.Append('{').Append(body).Append('}');
            i = end + 1;
            Lazy();
        }

        private void Lazy()
        {
            if (i < pattern.Length && pattern[i] == '?') { output.Append('?'); i++; }

            if (i < pattern.Length && pattern[i] is '*' or '+' or '?' or '{')
            {
                throw NotPortable("a quantifier after a quantifier (possessive or nested)");
            }
        }

        private void Literal(char c)
        {
            if (!char.IsHighSurrogate(c) || i >= pattern.Length) { output.Append(c); return; }
            // .NET sees an astral character as two code units: group them so a quantifier applies to the whole character.
            var pair = c.ToString() + pattern[i++];
            output.Append(dialect == RegexDialect.DotNet ? $"(?:{pair})" : pair);
        }

        // An astral character is one code point for every engine but .NET, where it is a surrogate pair: a negated class must
        // match the pair whole, and never half of it (or backtracking would let `^.{2}$` match one astral character).
        private void Append(string atom) =>
            output.Append(dialect == RegexDialect.DotNet && atom.StartsWith("[^", StringComparison.Ordinal)
                ? $"(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|{atom[..^1]}\\uD800-\\uDFFF])"
                : atom);

        private string AnyButNewline() => "[^\\n]";

        private static string Negated(string body) => $"[^{body}]";

        private string Space() => VerticalTab() + "\\t\\n\\f\\r ";

        // \v is a class of vertical spaces in PCRE; \x takes any number of digits in PostgreSQL: spell the one character safely.
        private string VerticalTab() => dialect is RegexDialect.DotNet or RegexDialect.Postgres ? "\\u000B" : "\\x0B";

        private ArgumentException NotPortable(string what) =>
            new($"the pattern uses {what}, which regex engines read differently; use the portable subset (docs/language.md, \"Regular expressions\")");
    }
}
