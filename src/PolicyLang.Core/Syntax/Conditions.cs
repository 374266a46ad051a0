using PolicyLang.Core.Text;

namespace PolicyLang.Core.Syntax;

/// <summary>
/// A row condition: the body of a rule written as a condition (<c>not in</c>, <c>not matches</c>, <c>is null</c>) and the
/// condition of <c>where</c>. A value, so it can stand as a rule operand and as the value of the <c>where</c> option.
/// </summary>
public abstract record ConditionSyntax(TextSpan Span) : ValueSyntax(Span);

/// <summary><c>left op right</c>: operands are columns (<see cref="ColumnValueSyntax"/> or a bare word), literals, <c>now</c> or <c>today</c>.</summary>
public sealed record ComparisonSyntax(ValueSyntax Left, IdentifierSyntax Operator, ValueSyntax Right, TextSpan Span) : ConditionSyntax(Span);

/// <summary><c>value between low and high</c> (inclusive).</summary>
public sealed record BetweenSyntax(ValueSyntax Value, ValueSyntax Low, ValueSyntax High, TextSpan Span) : ConditionSyntax(Span);

/// <summary><c>column [not] in [..]</c>; <see cref="Not"/> is the <c>not</c> keyword when negated.</summary>
public sealed record InSyntax(ColumnPathSyntax Column, IdentifierSyntax? Not, ValueSyntax List, TextSpan Span) : ConditionSyntax(Span);

/// <summary><c>column [not] matches "re"</c>.</summary>
public sealed record MatchesSyntax(ColumnPathSyntax Column, IdentifierSyntax? Not, ValueSyntax Pattern, TextSpan Span) : ConditionSyntax(Span);

/// <summary><c>column is null</c>, <c>column is not null</c> or (in a condition) <c>column not null</c>.</summary>
public sealed record NullTestSyntax(ColumnPathSyntax Column, bool Negated, TextSpan Span) : ConditionSyntax(Span);

/// <summary><c>not condition</c>.</summary>
public sealed record NotSyntax(IdentifierSyntax Keyword, ConditionSyntax Operand, TextSpan Span) : ConditionSyntax(Span);

/// <summary><c>left and right</c> or <c>left or right</c>.</summary>
public sealed record LogicalSyntax(ConditionSyntax Left, IdentifierSyntax Operator, ConditionSyntax Right, TextSpan Span) : ConditionSyntax(Span);

/// <summary><c>( condition )</c>, kept so the formatter and locations see what was written.</summary>
public sealed record ParenthesizedSyntax(ConditionSyntax Inner, TextSpan Span) : ConditionSyntax(Span);

/// <summary>An operand naming a column by a dotted path or a quoted name (<c>meta.site</c>, <c>"größe"</c>).</summary>
public sealed record ColumnValueSyntax(ColumnPathSyntax Path, TextSpan Span) : ValueSyntax(Span);

/// <summary><c>length(column)</c>: an operand, the number of characters (code points) of the column's text.</summary>
public sealed record LengthValueSyntax(IdentifierSyntax Keyword, ColumnPathSyntax Column, TextSpan Span) : ValueSyntax(Span);

/// <summary><c>column parses as date ["pattern"]</c>, <c>as json</c>, <c>as number</c>; <see cref="Format"/> is the word after <c>as</c>.</summary>
public sealed record ParsesSyntax(ColumnPathSyntax Column, IdentifierSyntax Format, ValueSyntax? Pattern, TextSpan Span) : ConditionSyntax(Span);
