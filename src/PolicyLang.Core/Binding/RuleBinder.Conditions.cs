using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>Rules written as conditions (<c>not in</c>, <c>not matches</c>, <c>is null</c>, comparisons with columns, <c>now</c> or <c>today</c>), <c>where</c>, and <c>of applicable rows</c>.</summary>
internal sealed partial class RuleBinder
{
    /// <summary>Kinds that check rows one by one: they take <c>where</c> and <c>of applicable rows</c>.</summary>
    private static bool ChecksRows(RuleKind kind) =>
        kind is RuleKind.NotNull or RuleKind.Between or RuleKind.In or RuleKind.Matches or RuleKind.Compare or RuleKind.Condition;

    /// <summary>
    /// True when the rule's body is a condition: a negated form, or a comparison or <c>between</c> with a column (a dotted path, or a
    /// word the dataset declares as a column), <c>now</c> or <c>today</c> as an operand. Any other bare word stays what it always
    /// was, a value that is not one (GOV0217: "write text in quotes").
    /// </summary>
    private bool IsConditionForm =>
        rule.Kind == RuleKind.Condition
        || (rule.Kind is RuleKind.Compare or RuleKind.Between && rule.Column is not null
            && rule.Operands.Any(o => o is ColumnValueSyntax or WordValueSyntax { Word.Name: "now" or "today" }
                || (o is WordValueSyntax w && scope.Columns.ContainsKey(w.Word.Name))));

    private RowCondition? ConditionBody()
    {
        if (rule.Column is not { } column || !QuotedNames.Check(ctx, column))
        {
            return null;
        }

        var subject = new ColumnValueSyntax(column, column.Span);
        var span = Text.TextSpan.Cover(column.Span, rule.Operands[^1].Span);
        ConditionSyntax? body = rule.Kind switch
        {
            RuleKind.Compare => new ComparisonSyntax(subject, new IdentifierSyntax(rule.Operator!, rule.KindKeyword.Span), rule.Operands[0], span),
            RuleKind.Between => new BetweenSyntax(subject, rule.Operands[0], rule.Operands[1], span),
            _ => rule.Operands[0] as ConditionSyntax,
        };
        return body is null ? null : new ConditionBinder(ctx, scope).Bind(body);
    }

    /// <summary>The default name's kind part of a rule written as a condition: <c>not_in</c>, <c>not_matches</c>, <c>is_null</c>, <c>is_not_null</c>.</summary>
    private string ConditionFormName() => rule.Operands is [var body, ..] ? body switch
    {
        BetweenSyntax { Value: LengthValueSyntax } or ComparisonSyntax { Left: LengthValueSyntax } => "length",
        ParsesSyntax p => $"parses_as_{p.Format.Name}",
        InSyntax => "not_in",
        MatchesSyntax => "not_matches",
        NullTestSyntax { Negated: true } => "is_not_null",
        _ => "is_null",
    } : "condition";

    /// <summary>The <c>where</c> condition and whether the tolerance counts applicable rows, each reported where the rule's kind does not take it.</summary>
    private (RowCondition? Where, bool OfApplicable) BindConditionOptions()
    {
        RowCondition? where = null;
        if (rule.Options.FirstOrDefault(o => o.Keyword.Name == "where") is { Values: [ConditionSyntax condition] } option)
        {
            if (!ChecksRows(rule.Kind) && rule.Kind != RuleKind.Monotonic)
            {
                ctx.Report(BindingDiagnostics.WhereNotForRule, option.Keyword, $"`{KindText()}` does not check rows one by one, so it cannot be narrowed with `where`");
            }
            else
            {
                where = new ConditionBinder(ctx, scope).Bind(condition);
            }
        }

        var ofApplicable = false;
        if (rule.Options.FirstOrDefault(o => o.Keyword.Name == "tolerance") is { Values: [_, WordValueSyntax { Word.Name: "applicable" } of] })
        {
            if (!ChecksRows(rule.Kind))
            {
                ctx.Report(BindingDiagnostics.ApplicableToleranceNotForRule, of, $"`{KindText()}` does not check rows one by one; its tolerance always counts every row of the dataset");
            }
            else
            {
                ofApplicable = true;
            }
        }

        return (where, ofApplicable);
    }
}
