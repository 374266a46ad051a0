using PolicyLang.Core.Text;

namespace PolicyLang.Core.Syntax;

/// <summary>A top-level declaration.</summary>
public abstract record DeclarationSyntax(TextSpan Span) : SyntaxNode(Span)
{
    /// <summary>Members of this declaration's block that failed to parse (their syntax error is reported); the others are in the tree.</summary>
    public IReadOnlyList<SkippedMember> SkippedMembers { get; init; } = [];

    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitDeclaration(this);
}

/// <summary>
/// The tokens of a block member that failed to parse, up to where parsing resumed (the next member's line, the
/// block's <c>}</c> or the next declaration). <see cref="Keyword"/> is the member keyword it starts with, or the one
/// its first word misspells (<c>tls</c> for <c>tsl</c>); null when it cannot be told, so it may have been anything.
/// <see cref="Name"/> is its second word (<c>email</c> of <c>column email ...</c>); <see cref="Words"/> holds every word
/// and number in it. The binder and the coverage analysis read them so that what the skipped text may have declared
/// is not reported missing: one mistake, one diagnostic.
/// </summary>
public sealed record SkippedMember(string? Keyword, string? Name, IReadOnlyList<string> Words, TextSpan Span)
{
    /// <summary>Whether the skipped text may have been a <paramref name="keyword"/> member.</summary>
    public bool MayBe(string keyword) => Keyword is null || Keyword == keyword;
}

/// <summary><c>policy "title" { version, owner, review every, frameworks, description }</c>.</summary>
public sealed record PolicyDeclarationSyntax(StringLiteralSyntax Title, IReadOnlyList<SettingSyntax> Settings, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>classification a &lt; b &lt; c</c>: ordered least to most sensitive.</summary>
public sealed record ClassificationDeclarationSyntax(IReadOnlyList<IdentifierSyntax> Levels, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>role name "description"</c>.</summary>
public sealed record RoleDeclarationSyntax(IdentifierSyntax Name, StringLiteralSyntax? Description, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>store name kind { settings }</c>.</summary>
public sealed record StoreDeclarationSyntax(IdentifierSyntax Name, IdentifierSyntax Kind, IReadOnlyList<SettingSyntax> Settings, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>dataset name in store table|collection|prefix|file "location" { members }</c>.</summary>
public sealed record DatasetDeclarationSyntax(
    IdentifierSyntax Name,
    IdentifierSyntax Store,
    IdentifierSyntax LocationKind,
    StringLiteralSyntax Location,
    IReadOnlyList<DatasetMemberSyntax> Members,
    TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>audit { store, table, retain, tamper-evident }</c>.</summary>
public sealed record AuditDeclarationSyntax(IReadOnlyList<SettingSyntax> Settings, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>history { store, table | collection | path }</c>: where each run's results are kept.</summary>
public sealed record HistoryDeclarationSyntax(IReadOnlyList<SettingSyntax> Settings, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>backup name { covers, tool, every .. keep, retain, offsite, encryption, restore-test every }</c>.</summary>
public sealed record BackupDeclarationSyntax(IdentifierSyntax Name, IReadOnlyList<SettingSyntax> Settings, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>controls cis-v8 { require; evidence; waive }</c>.</summary>
public sealed record ControlsDeclarationSyntax(IdentifierSyntax Framework, IReadOnlyList<ControlStatementSyntax> Statements, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>approval "who" role "role" on date status ["comment"]</c>.</summary>
public sealed record ApprovalDeclarationSyntax(
    StringLiteralSyntax Reviewer,
    StringLiteralSyntax Role,
    DateValueSyntax Date,
    IdentifierSyntax Status,
    StringLiteralSyntax? Comment,
    TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>change "version" on date by "who" "what"</c>.</summary>
public sealed record ChangeDeclarationSyntax(
    StringLiteralSyntax Version,
    DateValueSyntax Date,
    StringLiteralSyntax Author,
    StringLiteralSyntax Description,
    TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>test dataset { row { field: value, .. } passes|fails rule, .. }</c>.</summary>
public sealed record TestDeclarationSyntax(IdentifierSyntax Dataset, IReadOnlyList<TestRowSyntax> Rows, TextSpan Span) : DeclarationSyntax(Span);

/// <summary>
/// Tokens skipped after a syntax error in a declaration's header, up to the next declaration. <see cref="Keyword"/>
/// (the declaration keyword it starts with or misspells) and <see cref="Name"/> are what the skipped text started with
/// (<c>store</c>, <c>research</c>), so the
/// binder does not report names declared there as undeclared: one mistake, one diagnostic.
/// </summary>
public sealed record SkippedDeclarationSyntax(string? Keyword, string? Name, TextSpan Span) : DeclarationSyntax(Span)
{
    /// <summary>Every word and number of the skipped text (the safeguard ids a skipped <c>controls</c> block names, say).</summary>
    public IReadOnlyList<string> Words { get; init; } = [];
}
