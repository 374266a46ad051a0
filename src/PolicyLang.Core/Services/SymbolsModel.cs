using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>What an outline entry is; hosts map it to their own kinds (LSP <c>SymbolKind</c>).</summary>
public enum PolicySymbolKind
{
    Policy,
    Classification,
    ClassificationLevel,
    Role,
    Store,
    Dataset,
    Column,
    Rule,
    Retention,
    Mask,
    Grant,
    Audit,
    Backup,
    Controls,
    ControlStatement,
    Approval,
    Change,
    Test,
    History,
}

/// <summary>
/// One entry of a file's outline: <see cref="Span"/> covers the whole construct, <see cref="NameSpan"/> the text to
/// select (its name, or its keyword when it has none). <see cref="Detail"/> is a short summary (<c>postgres</c>,
/// <c>bigint not null pii</c>).
/// </summary>
public sealed record PolicySymbol(string Name, string? Detail, PolicySymbolKind Kind, TextSpan Span, TextSpan NameSpan, IReadOnlyList<PolicySymbol> Children);

/// <summary>A symbol found by a workspace search: the file it is in and the name of what contains it (a column's dataset).</summary>
public sealed record PolicySymbolMatch(PolicySymbol Symbol, SourceFile File, string? Container);
