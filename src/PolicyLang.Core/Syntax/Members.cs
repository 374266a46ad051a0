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
    TextSpan Span) : DatasetMemberSyntax(Span)
{
    /// <summary>For <see cref="RuleKind.Aggregate"/>: the aggregate (<see cref="KindKeyword"/> is its first word).</summary>
    public AggregateFunction? Function { get; init; }

    /// <summary>For <c>quantile(col, p)</c>: p as written.</summary>
    public ValueSyntax? Probability { get; init; }

    /// <summary>
    /// A composite <c>unique</c> or <c>references</c> (<c>expect (run_id, lane) unique</c>): the columns checked together, in order;
    /// <see cref="Column"/> is then null. Empty for every other rule.
    /// </summary>
    public IReadOnlyList<ColumnPathSyntax> Columns { get; init; } = [];
}

/// <summary>A <c>references</c> target: <c>dataset.column</c>.</summary>
public sealed record QualifiedNameValueSyntax(IdentifierSyntax Dataset, IdentifierSyntax Column, TextSpan Span) : ValueSyntax(Span);

/// <summary>A composite <c>references</c> target: <c>dataset.(column, column, ...)</c>.</summary>
public sealed record CompositeNameValueSyntax(IdentifierSyntax Dataset, IReadOnlyList<IdentifierSyntax> Columns, TextSpan Span) : ValueSyntax(Span);

/// <summary>
/// <c>retain d by col|last-modified [in store] then [archive to store as fmt then] delete|anonymize cols</c>: one stage of a
/// dataset's lifecycle. <see cref="CopiesIn"/> names the archive store whose copies the stage expires (<c>in offsite</c>).
/// </summary>
public sealed record RetainSyntax(
    DurationValueSyntax Window,
    ColumnPathSyntax By,
    ArchiveStepSyntax? Archive,
    IdentifierSyntax Action,
    IReadOnlyList<ColumnPathSyntax> AnonymizeColumns,
    TextSpan Span) : DatasetMemberSyntax(Span)
{
    /// <summary>The archive store named by <c>in store</c>, when the stage expires archived copies rather than the table's rows.</summary>
    public IdentifierSyntax? CopiesIn { get; init; }
}

/// <summary><c>archive to store as parquet|jsonl</c>.</summary>
public sealed record ArchiveStepSyntax(IdentifierSyntax Store, IdentifierSyntax Format, TextSpan Span) : SyntaxNode(Span)
{
    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitArchiveStep(this);
}

/// <summary><c>mask col with sha256|redact|last(n)</c>.</summary>
public sealed record MaskSyntax(ColumnPathSyntax Column, IdentifierSyntax Method, NumberValueSyntax? Keep, TextSpan Span) : DatasetMemberSyntax(Span);

/// <summary><c>grant read|write to role, ..</c>.</summary>
public sealed record GrantSyntax(IdentifierSyntax Privilege, IReadOnlyList<IdentifierSyntax> Roles, TextSpan Span) : DatasetMemberSyntax(Span);
