using PolicyLang.Core.Text;

namespace PolicyLang.Core.Syntax;

/// <summary>A statement of a <c>controls</c> block.</summary>
public abstract record ControlStatementSyntax(TextSpan Span) : SyntaxNode(Span)
{
    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitControlStatement(this);
}

/// <summary>A safeguard id as written (<c>3.1</c>, <c>3.10</c>).</summary>
public sealed record SafeguardIdSyntax(string Id, TextSpan Span) : SyntaxNode(Span)
{
    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitSafeguardId(this);

    public override string ToString() => Id;
}

/// <summary><c>require 3.1, 3.2</c>.</summary>
public sealed record RequireSyntax(IReadOnlyList<SafeguardIdSyntax> Safeguards, TextSpan Span) : ControlStatementSyntax(Span);

/// <summary><c>evidence 3.1 "text"</c>.</summary>
public sealed record EvidenceSyntax(SafeguardIdSyntax Safeguard, StringLiteralSyntax Text, TextSpan Span) : ControlStatementSyntax(Span);

/// <summary><c>waive 3.4 "reason" until 2026-01-01</c>; reason and date are required by the binder.</summary>
public sealed record WaiveSyntax(SafeguardIdSyntax Safeguard, StringLiteralSyntax? Reason, DateValueSyntax? Until, TextSpan Span) : ControlStatementSyntax(Span);

/// <summary><c>row { field: value, .. } passes|fails rule, ..</c>.</summary>
public sealed record TestRowSyntax(
    IReadOnlyList<TestFieldSyntax> Fields,
    IdentifierSyntax Outcome,
    IReadOnlyList<IdentifierSyntax> Rules,
    TextSpan Span) : SyntaxNode(Span)
{
    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitTestRow(this);
}

/// <summary><c>field: value</c> in a test row; values may be <c>now</c>, <c>null</c>, <c>true</c>, <c>false</c>.</summary>
public sealed record TestFieldSyntax(ColumnPathSyntax Field, ValueSyntax Value, TextSpan Span) : SyntaxNode(Span)
{
    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitTestField(this);
}
