using System.Text;
using System.Text.Json;
using PolicyLang.Core.Parsing;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Editor.Tests;

/// <summary>
/// The grammar sees what the lexer sees: for every character, tokenized as VS Code does (vscode-textmate), a string,
/// number, percentage, date, word or symbol token of <see cref="Lexer"/> gets the matching scope, and what the lexer
/// skips is a comment or (a character outside the language) invalid. Run over every .gov file of the repository and
/// over generated text full of edge cases.
/// </summary>
public sealed class GrammarLexerAgreementTests
{
    [Fact]
    public void Every_gov_file_of_the_repository_is_scoped_as_the_lexer_reads_it()
    {
        var files = Directory.GetFiles(EditorTools.Root, "*.gov", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}.build{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToArray();
        Assert.True(files.Length >= 10, $"only {files.Length} .gov files found");
        AssertAgreement(files.ToDictionary(f => f, File.ReadAllText));
    }

    [Fact]
    public void Generated_edge_cases_are_scoped_as_the_lexer_reads_them()
    {
        var random = new Random(20261203);
        var texts = new Dictionary<string, string>();
        for (var i = 0; i < 300; i++)
        {
            texts[$"generated-{i:000}.gov"] = Generate(random);
        }

        AssertAgreement(texts);
    }

    private static readonly string[] Pieces =
    [
        "policy", "store", "expect", "delete", "storage-class", "object-age", "nist-csf-1.1", "cis-v8", "days", "env", "null", "csharp",
        "x", "_y", "gaia", "a1", "é", "naïve", "x٣", "-", ".", ",", ":", "{", "}", "[", "]", "(", ")", "<", ">", "<=", ">=", "=", "!=", "!", ";", "@", "%",
        "0", "42", "-90", "3.10", "0.5%", "2025-07-27", "2025-7-1", "27/07/2025", "12345-01", "30days",
        "\"", "\"str\"", "\\", "\\\"", "\\n", "\\s", "//", "/*", "*/", "*", "/", " ", " ", " ", "\n", "\n", "\t", "\r\n",
    ];

    private static string Generate(Random random)
    {
        var text = new StringBuilder();
        var count = random.Next(5, 60);
        for (var i = 0; i < count; i++)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
            if (random.Next(3) == 0)
            {
                text.Append(' ');
            }
        }

        return text.ToString();
    }

    private static void AssertAgreement(IReadOnlyDictionary<string, string> texts)
    {
        var folder = Directory.CreateTempSubdirectory("gov-agreement-").FullName;
        try
        {
            var paths = new Dictionary<string, string>();
            var n = 0;
            foreach (var (name, text) in texts)
            {
                var path = Path.Combine(folder, $"{n++:0000}.gov");
                File.WriteAllText(path, text, new UTF8Encoding(false));
                paths[path] = name;
            }

            var scopes = Tokenize(paths.Keys);
            var problems = texts.SelectMany(t => Disagreements(t.Value, scopes[paths.Single(p => p.Value == t.Key).Key]).Select(p => $"{t.Key}: {p}")).Take(40).ToArray();
            Assert.True(problems.Length == 0, string.Join('\n', problems));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Per file, the scopes of every UTF-16 character (null where the grammar produced no token).</summary>
    private static Dictionary<string, string[]?[]> Tokenize(IEnumerable<string> files)
    {
        var result = EditorTools.Node(EditorTools.Root, Path.Combine(EditorTools.TestProject, "tokenize.js"), [EditorTools.NodeModules, EditorTools.Grammar, .. files]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement[][]>>(result.Stdout)!;
        return json.ToDictionary(
            f => f.Key,
            f =>
            {
                var text = File.ReadAllText(f.Key);
                var perChar = new string[]?[text.Length];
                foreach (var token in f.Value)
                {
                    var scopes = token[2].EnumerateArray().Select(s => s.GetString()!).ToArray();
                    for (var i = token[0].GetInt32(); i < token[1].GetInt32(); i++)
                    {
                        perChar[i] = scopes;
                    }
                }

                return perChar;
            });
    }

    private static IEnumerable<string> Disagreements(string text, string[]?[] scopes)
    {
        var (tokens, _) = Lexer.Lex(new SourceFile("x.gov", text));
        var inToken = new bool[text.Length];
        foreach (var token in tokens)
        {
            Array.Fill(inToken, true, token.Span.Start, token.Span.Length);
            for (var i = token.Span.Start; i < token.Span.End; i++)
            {
                var s = scopes[i] ?? [];
                var problem = Check(token, text[i], s);
                if (problem is not null)
                {
                    yield return $"{Where(text, i)} {token.Kind} `{text.Substring(token.Span.Start, token.Span.Length)}`: {problem} (scopes: {string.Join(' ', s)})";
                    break;
                }
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!inToken[i] && !char.IsWhiteSpace(text[i]) && text[i] != '\uFEFF' && !Has(scopes[i] ?? [], "comment", "invalid.illegal"))
            {
                yield return $"{Where(text, i)} `{text[i]}` is skipped by the lexer but is neither comment nor invalid (scopes: {string.Join(' ', scopes[i] ?? [])})";
            }
        }
    }

    private static string? Check(Token token, char c, string[] scopes)
    {
        if (Has(scopes, "comment"))
        {
            return "a token of the lexer is scoped as a comment";
        }

        return token.Kind switch
        {
            TokenKind.String => Has(scopes, "string.quoted.double.gov", "meta.embedded.expression.cs") || char.IsWhiteSpace(c) ? null : "a string is not scoped as one",
            TokenKind.Number => Has(scopes, "constant.numeric.gov", "constant.numeric.duration.gov", "constant.other.safeguard.gov") ? null : "a number is not scoped as one",
            TokenKind.Percent => Has(scopes, "constant.numeric.percentage.gov") ? null : "a percentage is not scoped as one",
            TokenKind.Date => Has(scopes, "constant.numeric.date.gov", "invalid.illegal.date.gov") ? null : "a date is not scoped as one",
            TokenKind.Word when !token.Text.All(char.IsAscii) => Has(scopes, "invalid.illegal.non-ascii.gov") ? null : "a word with a non-ASCII letter (GOV0002) is not scoped invalid",
            TokenKind.Word => Has(scopes, "string", "constant.numeric", "invalid.illegal", "punctuation") ? "a word is scoped as something else" : null,
            _ => Has(scopes, "keyword.operator.comparison.gov", "punctuation") ? null : "a symbol is not scoped as an operator or punctuation",
        };
    }

    private static bool Has(string[] scopes, params string[] prefixes) =>
        scopes.Any(s => prefixes.Any(p => s == p || s.StartsWith(p + ".", StringComparison.Ordinal) || (p.EndsWith(".gov", StringComparison.Ordinal) && s == p)));

    private static string Where(string text, int offset)
    {
        var line = text.AsSpan(0, offset).Count('\n') + 1;
        var column = offset - (text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1) + 1;
        return $"{line}:{column}";
    }
}
