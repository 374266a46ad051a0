using Pidgin;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using static Pidgin.Parser;
using static PolicyLang.Core.Parsing.GrammarPrimitives;
using static PolicyLang.Core.Parsing.ValueGrammar;

namespace PolicyLang.Core.Parsing;

/// <summary>
/// <c>expect</c> rules. Ambiguity (documented in grammar/policy.ebnf): <c>rows</c>, <c>objects</c>
/// and <c>csharp</c> may also be column names, so the dataset-level forms are tried first and only
/// commit once their second word matches.
/// </summary>
internal static partial class RuleGrammar
{
    private sealed record Body(RuleKind Kind, IdentifierSyntax KindKeyword, ColumnPathSyntax? Column, string? Operator, IReadOnlyList<ValueSyntax> Operands, TextSpan End)
    {
        public AggregateFunction? Function { get; init; }

        public ValueSyntax? Probability { get; init; }

        public IReadOnlyList<ColumnPathSyntax> Columns { get; init; } = [];
    }

    private static readonly Parser<Token, Body> ObjectsAtLeast =
        Map(
            (objects, _, n) => new Body(RuleKind.ObjectsAtLeast, objects, null, null, [n], n.Span),
            Try(Kw("objects").Before(Kw("at"))),
            Kw("least"),
            Number);

    private static readonly Parser<Token, Body> ObjectAge =
        Map(
            (kw, _, _, d) => new Body(RuleKind.ObjectAgeFresherThan, kw, null, null, [d], d.Span),
            Kw("object-age"),
            Kw("fresher"),
            Kw("than"),
            Duration);

    private static readonly Parser<Token, Body> CSharp =
        Map(
            (kw, code) => new Body(RuleKind.CSharp, kw, null, null, [new StringValueSyntax(code.Value, code.Span)], code.Span),
            Try(Kw("csharp").Before(Lookahead(Tok(TokenKind.String, "a C# expression string")))),
            StringLiteral);

    private sealed record Check(RuleKind Kind, IdentifierSyntax KindKeyword, string? Operator, IReadOnlyList<ValueSyntax> Operands, TextSpan End);

    private static readonly Parser<Token, IdentifierSyntax> CompareOperator =
        Parser<Token>.Token(t => t.Kind is TokenKind.Less or TokenKind.Greater or TokenKind.LessOrEqual
                or TokenKind.GreaterOrEqual or TokenKind.Equal or TokenKind.NotEqual)
            .Select(ToIdentifier)
            .LabelledAtStart("a comparison (>, <, >=, <=, =, !=)");

    private static readonly Parser<Token, Check> ColumnCheck = OneOf(
            Map((not, negated) => negated(not), Kw("not"), NotCheck),
            Map((kw, not, nul) => new Check(RuleKind.Condition, kw, not.HasValue ? "is not null" : "is null", [], nul.Span), Kw("is"), Kw("not").Optional(), Kw("null")),
            Kw("unique").Select(kw => new Check(RuleKind.Unique, kw, null, [], kw.Span)),
            ParsesCheck,
            MonotonicCheck,
            Map((kw, lo, _, hi) => new Check(RuleKind.Between, kw, null, [lo, hi], hi.Span), Kw("between"), ConditionGrammar.Operand, Kw("and"), ConditionGrammar.Operand),
            Map((kw, list) => new Check(RuleKind.In, kw, null, [list], list.Span), Kw("in"), List),
            Map((kw, pattern) => new Check(RuleKind.Matches, kw, null, [pattern], pattern.Span), Kw("matches"), StringValue),
            Map((op, v) => new Check(RuleKind.Compare, op, op.Name, [v], v.Span), CompareOperator, ConditionGrammar.Operand),
            Map(
                (kw, ds, _, target) => References(kw, target(ds)),
                Kw("references"),
                Name.LabelledAtStart("a dataset name"),
                Dot,
                ReferenceTarget),
            Map((kw, _, d) => new Check(RuleKind.FresherThan, kw, null, [d], d.Span), Kw("fresher"), Kw("than"), Duration))
        .LabelledAtStart("a check (not null, unique, between, in, not in, matches, not matches, parses as, is null, a comparison, references, fresher than, increasing, decreasing)");

    private static readonly Parser<Token, Body> ColumnRule =
        Map(
            (column, check) => check.Kind == RuleKind.Condition
                ? new Body(check.Kind, check.KindKeyword, column, null, [NegatedForm(column, check)], check.End)
                : new Body(check.Kind, check.KindKeyword, column, check.Operator, check.Operands, check.End),
            ColumnPath,
            ColumnCheck);

    private static readonly Parser<Token, TextSpan> OrNull =
        Map((or, nul) => Cover(or, nul), Kw("or"), Kw("null"));

    private static readonly Parser<Token, SettingSyntax> Option = OneOf(
            Setting("as", Word),
            Setting("severity", Word),
            Tolerance,
            Setting("where", ConditionGrammar.Condition.Select<ValueSyntax>(c => c)),
            ListSetting("covers", SafeguardId.Select<ValueSyntax>(id => new NumberValueSyntax(id.Id, id.Span))),
            Incremental)
        .LabelledAtStart("a rule option (as, severity, tolerance, where, covers, incremental by)");

    // `or null` may stand anywhere among the options (`between 3 and 21 as plausible or null`), once.
    public static readonly Parser<Token, DatasetMemberSyntax> Rule =
        Map(
            (kw, body, before, orNull, after) =>
            {
                var options = before.Concat(after).ToArray();
                var end = new[] { body.End, orNull.HasValue ? orNull.Value : body.End, options.Length > 0 ? options[^1].Span : body.End }.MaxBy(s => s.End);
                return (DatasetMemberSyntax)new RuleSyntax(
                    body.Kind, body.KindKeyword, body.Column, body.Operator, body.Operands,
                    orNull.HasValue ? orNull.Value : null, options, TextSpan.Cover(kw.Span, end))
                {
                    Function = body.Function, Probability = body.Probability, Columns = body.Columns,
                };
            },
            Kw("expect"),
            OneOf(RowsAt, ObjectsAtLeast, ObjectAge, CSharp, AggregateRule, CompositeRule, LengthRule, ColumnRule),
            Option.Many(),
            OrNull.Optional(),
            Option.Many());
}
