using PolicyLang.Core.Text;

namespace PolicyLang.Core.Syntax;

/// <summary>A literal or reference written as a value.</summary>
public abstract record ValueSyntax(TextSpan Span) : SyntaxNode(Span)
{
    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitValue(this);
}

public sealed record StringValueSyntax(string Value, TextSpan Span) : ValueSyntax(Span);

/// <summary>A number as written (<c>42</c>, <c>-90</c>, <c>0.5</c>, <c>3.10</c>): the text is kept exact.</summary>
public sealed record NumberValueSyntax(string Text, TextSpan Span) : ValueSyntax(Span);

/// <summary>A percentage as written, without the <c>%</c>.</summary>
public sealed record PercentValueSyntax(string Text, TextSpan Span) : ValueSyntax(Span);

/// <summary>A date as written (<c>2025-07-27</c>); the binder checks it exists.</summary>
public sealed record DateValueSyntax(string Text, TextSpan Span) : ValueSyntax(Span);

/// <summary><c>&lt;n&gt; &lt;unit&gt;</c>, e.g. <c>30 days</c>.</summary>
public sealed record DurationValueSyntax(NumberValueSyntax Amount, IdentifierSyntax Unit, TextSpan Span) : ValueSyntax(Span);

/// <summary><c>env("NAME")</c>: a value read from the runner's environment.</summary>
public sealed record EnvValueSyntax(StringLiteralSyntax Variable, TextSpan Span) : ValueSyntax(Span);

/// <summary>A bare word used as a value: <c>required</c>, <c>aes256</c>, <c>week</c>, a name.</summary>
public sealed record WordValueSyntax(IdentifierSyntax Word, TextSpan Span) : ValueSyntax(Span);

/// <summary><c>[a, b, c]</c>.</summary>
public sealed record ListValueSyntax(IReadOnlyList<ValueSyntax> Items, TextSpan Span) : ValueSyntax(Span);
