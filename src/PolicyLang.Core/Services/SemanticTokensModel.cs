using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>
/// What a piece of text is, for highlighting. The names hosts send (LSP's standard token types) are in
/// docs/language-server.md; the order here is the legend's order.
/// </summary>
public enum SemanticTokenType
{
    /// <summary>Language words: <c>dataset</c>, <c>expect</c>, <c>between</c>, <c>required</c>, <c>days</c>.</summary>
    Keyword,
    String,

    /// <summary>Numbers, percentages and dates.</summary>
    Number,
    Comment,

    /// <summary><c>&lt; &gt; &lt;= &gt;= = !=</c>.</summary>
    Operator,

    /// <summary>The pattern of a <c>matches</c> rule.</summary>
    Regexp,

    /// <summary>A store name.</summary>
    Namespace,

    /// <summary>A dataset name.</summary>
    Class,

    /// <summary>A column or document field.</summary>
    Property,

    /// <summary>A column type (<c>bigint</c>) or a store kind (<c>postgres</c>).</summary>
    Type,

    /// <summary>A classification level.</summary>
    EnumMember,

    /// <summary>A framework id (<c>cis-v8</c>).</summary>
    Enum,

    /// <summary>A role or backup name.</summary>
    Variable,

    /// <summary>A rule name (<c>as plausible_magnitude</c>, the rules a test row names).</summary>
    Function,

    /// <summary>A CIS safeguard id (<c>3.11</c>).</summary>
    Decorator,
}

[Flags]
public enum SemanticTokenModifiers
{
    None = 0,

    /// <summary>Where the name is declared (not a reference to it).</summary>
    Declaration = 1,
}

public sealed record ClassifiedSpan(TextSpan Span, SemanticTokenType Type, SemanticTokenModifiers Modifiers);
