using PolicyLang.Core.Text;

namespace PolicyLang.Core.Syntax;

/// <summary>Base of every syntax node: immutable, with the span of source text it covers.</summary>
public abstract record SyntaxNode(TextSpan Span)
{
    public abstract T Accept<T>(ISyntaxVisitor<T> visitor);
}

/// <summary>A name as written: identifiers, keywords used as values (`required`), framework ids.</summary>
public sealed record IdentifierSyntax(string Name, TextSpan Span) : SyntaxNode(Span)
{
    /// <summary>True for a quoted column name (<c>"größe"</c>): <see cref="Name"/> is its text, without quotes.</summary>
    public bool Quoted { get; init; }

    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitIdentifier(this);

    public override string ToString() => Name;
}

/// <summary>A string literal; <see cref="Value"/> has escapes applied.</summary>
public sealed record StringLiteralSyntax(string Value, TextSpan Span) : SyntaxNode(Span)
{
    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitStringLiteral(this);
}

/// <summary>A column or document field path: <c>source_id</c>, <c>meta.site</c>.</summary>
public sealed record ColumnPathSyntax(IReadOnlyList<IdentifierSyntax> Parts, TextSpan Span) : SyntaxNode(Span)
{
    public string Path => string.Join('.', Parts.Select(p => p.Name));

    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitColumnPath(this);

    public override string ToString() => Path;
}

/// <summary>
/// A keyword followed by its values, used for the settings of <c>policy</c>, <c>store</c>,
/// <c>audit</c>, <c>backup</c> and a dataset's descriptive members and rule options. The parser
/// knows each keyword's shape; the binder knows where it is allowed and what its values mean.
/// Fixed connector words (<c>review every</c>) are not kept as values.
/// </summary>
public sealed record SettingSyntax(IdentifierSyntax Keyword, IReadOnlyList<ValueSyntax> Values, TextSpan Span) : SyntaxNode(Span)
{
    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitSetting(this);
}
