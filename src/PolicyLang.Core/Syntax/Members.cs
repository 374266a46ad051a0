using PolicyLang.Core.Text;

namespace PolicyLang.Core.Syntax;

/// <summary>A member of a dataset block.</summary>
public abstract record DatasetMemberSyntax(TextSpan Span) : SyntaxNode(Span)
{
    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitDatasetMember(this);
}

/// <summary><c>description</c>, <c>owner</c>, <c>steward</c>, <c>classification</c>, <c>key</c>.</summary>
public sealed record DatasetSettingSyntax(SettingSyntax Setting, TextSpan Span) : DatasetMemberSyntax(Span);

/// <summary><c>column name type [not null] [pii]</c>.</summary>
public sealed record ColumnDeclarationSyntax(
    IdentifierSyntax Name,
    TypeSyntax Type,
    IReadOnlyList<IdentifierSyntax> Modifiers,
    TextSpan Span) : DatasetMemberSyntax(Span)
{
    public bool NotNull => Modifiers.Any(m => m.Name == "not null");

    public bool Pii => Modifiers.Any(m => m.Name == "pii");
}

/// <summary>A column type: <c>bigint</c>, <c>varchar(255)</c>, <c>numeric(10, 2)</c>.</summary>
public sealed record TypeSyntax(IdentifierSyntax Name, IReadOnlyList<NumberValueSyntax> Arguments, TextSpan Span) : SyntaxNode(Span)
{
    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitType(this);

    public override string ToString() =>
        Arguments.Count == 0 ? Name.Name : $"{Name.Name}({string.Join(", ", Arguments.Select(a => a.Text))})";
}

/// <summary>
/// <c>expect ...</c> with its options (<c>as</c>, <c>severity</c>, <c>tolerance</c>, <c>covers</c>).
/// <see cref="KindKeyword"/> is the word that names the kind (<c>between</c>, <c>rows</c>, ...), for locations.
/// </summary>
public sealed record RuleSyntax(
    RuleKind Kind,
    IdentifierSyntax KindKeyword,
    ColumnPathSyntax? Column,
    string? Operator,
    IReadOnlyList<ValueSyntax> Operands,
    TextSpan? OrNull,
    IReadOnlyList<SettingSyntax> Options,
    TextSpan Span) : DatasetMemberSyntax(Span);

/// <summary>A <c>references</c> target: <c>dataset.column</c>.</summary>
public sealed record QualifiedNameValueSyntax(IdentifierSyntax Dataset, IdentifierSyntax Column, TextSpan Span) : ValueSyntax(Span);

/// <summary><c>retain d by col|last-modified then [archive to store as fmt then] delete|anonymize cols</c>.</summary>
public sealed record RetainSyntax(
    DurationValueSyntax Window,
    ColumnPathSyntax By,
    ArchiveStepSyntax? Archive,
    IdentifierSyntax Action,
    IReadOnlyList<ColumnPathSyntax> AnonymizeColumns,
    TextSpan Span) : DatasetMemberSyntax(Span);

/// <summary><c>archive to store as parquet|jsonl</c>.</summary>
public sealed record ArchiveStepSyntax(IdentifierSyntax Store, IdentifierSyntax Format, TextSpan Span) : SyntaxNode(Span)
{
    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitArchiveStep(this);
}

/// <summary><c>mask col with sha256|redact|last(n)</c>.</summary>
public sealed record MaskSyntax(ColumnPathSyntax Column, IdentifierSyntax Method, NumberValueSyntax? Keep, TextSpan Span) : DatasetMemberSyntax(Span);

/// <summary><c>grant read|write to role, ..</c>.</summary>
public sealed record GrantSyntax(IdentifierSyntax Privilege, IReadOnlyList<IdentifierSyntax> Roles, TextSpan Span) : DatasetMemberSyntax(Span);
