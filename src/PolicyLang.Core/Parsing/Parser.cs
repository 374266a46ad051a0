using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Parsing;

/// <summary>
/// Text to syntax tree, one file at a time, reporting every mistake of the file in one run: a bad member
/// of a block is skipped up to the next member's line or the block's <c>}</c> and the rest of the block
/// still parses; a declaration whose header fails is skipped up to the next declaration.
/// </summary>
public static class PolicyParser
{
    public static ParseResult Parse(SourceFile file) => new RecoveringParser(file).Run();
}

/// <summary>A file's syntax tree and its lexing and parsing diagnostics.</summary>
public sealed record ParseResult(PolicyFileSyntax Syntax, IReadOnlyList<Diagnostic> Diagnostics);
