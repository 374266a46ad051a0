using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>
/// Every place a store, dataset, column, role, classification level or rule name is written, in every file of a
/// compilation, read from the syntax trees (so names in declarations that failed to bind are still found).
/// Built once per compilation and cached.
/// </summary>
internal sealed partial class NavigationIndex
{
    private static readonly ConditionalWeakTable<PolicyCompilation, NavigationIndex> Cache = new();

    private readonly List<SymbolOccurrence> occurrences = [];
    private readonly List<NavigationRule> rules = [];

    private NavigationIndex(PolicyCompilation compilation)
    {
        foreach (var file in compilation.Syntax)
        {
            foreach (var declaration in file.Syntax.Declarations)
            {
                Visit(file.Syntax.File, declaration);
            }
        }
    }

    public IReadOnlyList<SymbolOccurrence> Occurrences => occurrences;

    /// <summary>Every <c>expect</c> rule with its name, for renames that must keep test rows pointing at it.</summary>
    public IReadOnlyList<NavigationRule> Rules => rules;

    public static NavigationIndex For(PolicyCompilation compilation) => Cache.GetValue(compilation, c => new NavigationIndex(c));

    /// <summary>The innermost occurrence at <paramref name="offset"/> (a cursor just after a name still touches it).</summary>
    public SymbolOccurrence? At(string path, int offset) =>
        occurrences
            .Where(o => o.Location.Path == path && o.Location.Span.Start <= offset && offset <= o.Location.Span.End)
            .OrderBy(o => o.Location.Span.Length)
            .ThenBy(o => o.Location.Span.End == offset ? 1 : 0)
            .FirstOrDefault();

    public IEnumerable<SymbolOccurrence> Of(PolicyName symbol) => occurrences.Where(o => o.Symbol == symbol);

    private void Add(PolicySymbolKind kind, SourceFile file, IdentifierSyntax name, bool declaration, string? dataset = null) =>
        occurrences.Add(new SymbolOccurrence(new PolicyName(kind, name.Name, dataset), new DocumentSpan(file.Path, name.Span), declaration));

    private void Add(PolicySymbolKind kind, SourceFile file, string name, TextSpan span, bool declaration, string? dataset = null) =>
        occurrences.Add(new SymbolOccurrence(new PolicyName(kind, name, dataset), new DocumentSpan(file.Path, span), declaration));

    private void Visit(SourceFile file, DeclarationSyntax declaration)
    {
        foreach (var member in declaration.SkippedMembers)
        {
            VisitSkippedMember(file, member, (declaration as DatasetDeclarationSyntax)?.Name.Name);
        }

        switch (declaration)
        {
            case ClassificationDeclarationSyntax classification:
                classification.Levels.ToList().ForEach(level => Add(PolicySymbolKind.ClassificationLevel, file, level, declaration: true));
                break;
            case RoleDeclarationSyntax role:
                Add(PolicySymbolKind.Role, file, role.Name, declaration: true);
                break;
            case StoreDeclarationSyntax store:
                Add(PolicySymbolKind.Store, file, store.Name, declaration: true);
                break;
            case DatasetDeclarationSyntax dataset:
                VisitDataset(file, dataset);
                break;
            case AuditDeclarationSyntax audit:
                StoreWords(file, audit.Settings, "store");
                break;
            case HistoryDeclarationSyntax history:
                StoreWords(file, history.Settings, "store");
                break;
            case BackupDeclarationSyntax backup:
                StoreWords(file, backup.Settings, "covers", "offsite");
                break;
            case TestDeclarationSyntax test:
                VisitTest(file, test);
                break;
            case SkippedDeclarationSyntax skipped:
                VisitSkipped(file, skipped);
                break;
        }
    }

    // A declaration that failed to parse still declares its name (the binder does not report its uses), and a
    // dataset's header still names its store: read them from the tokens so a rename misses none of them.
    private void VisitSkipped(SourceFile file, SkippedDeclarationSyntax skipped)
    {
        var tokens = TokensIn(file, skipped.Span).Take(4).ToArray();
        string? Word(int i) => i < tokens.Length && tokens[i].Kind == Parsing.TokenKind.Word ? tokens[i].Text : null;
        IdentifierSyntax Name(int i) => new(tokens[i].Text, tokens[i].Span);
        var kind = skipped.Keyword switch
        {
            "store" => PolicySymbolKind.Store,
            "dataset" => PolicySymbolKind.Dataset,
            "role" => PolicySymbolKind.Role,
            _ => (PolicySymbolKind?)null,
        };
        if (kind is { } declared && Word(1) is not null)
        {
            Add(declared, file, Name(1), declaration: true);
        }

        if (skipped.Keyword == "dataset" && Word(2) == "in" && Word(3) is not null)
        {
            Add(PolicySymbolKind.Store, file, Name(3), declaration: false);
        }

        if (skipped.Keyword == "test" && Word(1) is not null)
        {
            Add(PolicySymbolKind.Dataset, file, Name(1), declaration: false);
        }
    }

    // A block member that failed to parse still names things (its syntax error is reported, and the binder does not
    // report what it may declare): read the names from its tokens, so a rename leaves none of them behind.
    private void VisitSkippedMember(SourceFile file, SkippedMember member, string? dataset)
    {
        var tokens = TokensIn(file, member.Span);
        IdentifierSyntax? Word(int i) => i < tokens.Length && tokens[i].Kind == Parsing.TokenKind.Word ? new(tokens[i].Text, tokens[i].Span) : null;
        var keyword = Word(0)?.Name;
        if (dataset is not null && Word(1) is { } name)
        {
            switch (keyword)
            {
                case "column":
                    Add(PolicySymbolKind.Column, file, name, declaration: true, dataset);
                    break;
                case "expect" when name.Name is not ("rows" or "objects" or "object-age" or "csharp"):
                case "key" or "mask":
                    Add(PolicySymbolKind.Column, file, name, declaration: false, dataset);
                    break;
                case "classification":
                    Add(PolicySymbolKind.ClassificationLevel, file, name, declaration: false);
                    break;
            }
        }

        for (var i = 1; i < tokens.Length; i++)
        {
            var after = tokens[i - 1].Text;
            if (Word(i) is not { } word)
            {
                continue;
            }

            if (keyword == "grant" && tokens.Take(i).Any(t => t.IsWord("to")) && after is "to" or ",")
            {
                Add(PolicySymbolKind.Role, file, word, declaration: false);
            }
            else if ((keyword == "retain" && after == "to") || (keyword is "store" or "offsite" && i == 1) || (keyword == "covers" && after is "covers" or ","))
            {
                Add(PolicySymbolKind.Store, file, word, declaration: false);
            }
            else if (keyword == "retain" && after == "by" && dataset is not null && word.Name != "last-modified")
            {
                Add(PolicySymbolKind.Column, file, word, declaration: false, dataset);
            }
        }
    }

    private static Parsing.Token[] TokensIn(SourceFile file, TextSpan span) =>
        CompletionContext.TokensOf(file).SkipWhile(t => t.Span.Start < span.Start).TakeWhile(t => t.Span.End <= span.End).ToArray();

    private void StoreWords(SourceFile file, IEnumerable<SettingSyntax> settings, params string[] keywords)
    {
        foreach (var setting in settings.Where(s => keywords.Contains(s.Keyword.Name)))
        {
            foreach (var word in setting.Values.OfType<WordValueSyntax>())
            {
                Add(PolicySymbolKind.Store, file, word.Word, declaration: false);
            }
        }
    }

    private void VisitDataset(SourceFile file, DatasetDeclarationSyntax dataset)
    {
        var name = dataset.Name.Name;
        Add(PolicySymbolKind.Dataset, file, dataset.Name, declaration: true);
        Add(PolicySymbolKind.Store, file, dataset.Store, declaration: false);
        foreach (var member in dataset.Members)
        {
            switch (member)
            {
                case DatasetSettingSyntax { Setting: { Keyword.Name: "classification", Values: [WordValueSyntax level] } }:
                    Add(PolicySymbolKind.ClassificationLevel, file, level.Word, declaration: false);
                    break;
                case DatasetSettingSyntax { Setting: { Keyword.Name: "key" } key }:
                    foreach (var column in key.Values.OfType<WordValueSyntax>())
                    {
                        Add(PolicySymbolKind.Column, file, column.Word, declaration: false, name);
                    }

                    break;
                case ColumnDeclarationSyntax column:
                    Add(PolicySymbolKind.Column, file, column.Name, declaration: true, name);
                    break;
                case RuleSyntax rule:
                    VisitRule(file, name, rule);
                    break;
                case RetainSyntax retain:
                    if (retain.By.Path != "last-modified")
                    {
                        Column(file, name, retain.By);
                    }

                    if (retain.Archive is { } archive)
                    {
                        Add(PolicySymbolKind.Store, file, archive.Store, declaration: false);
                    }

                    if (retain.CopiesIn is { } copies)
                    {
                        Add(PolicySymbolKind.Store, file, copies, declaration: false);
                    }

                    retain.AnonymizeColumns.ToList().ForEach(c => Column(file, name, c));
                    break;
                case MaskSyntax mask:
                    Column(file, name, mask.Column);
                    break;
                case GrantSyntax grant:
                    grant.Roles.ToList().ForEach(role => Add(PolicySymbolKind.Role, file, role, declaration: false));
                    break;
            }
        }
    }

    // A dotted path names a field inside its first segment's column: only that segment is the column.
    private void Column(SourceFile file, string dataset, ColumnPathSyntax path) =>
        Add(PolicySymbolKind.Column, file, path.Parts[0], declaration: false, dataset);

    private void VisitRule(SourceFile file, string dataset, RuleSyntax rule)
    {
        if (rule.Column is { } column)
        {
            Column(file, dataset, column);
        }

        rule.Columns.ToList().ForEach(c => Column(file, dataset, c));
        foreach (var operand in rule.Operands)
        {
            if (operand is QualifiedNameValueSyntax target)
            {
                Add(PolicySymbolKind.Dataset, file, target.Dataset, declaration: false);
                Add(PolicySymbolKind.Column, file, target.Column, declaration: false, target.Dataset.Name);
            }
            else if (operand is CompositeNameValueSyntax composite)
            {
                Add(PolicySymbolKind.Dataset, file, composite.Dataset, declaration: false);
                composite.Columns.ToList().ForEach(c => Add(PolicySymbolKind.Column, file, c, declaration: false, composite.Dataset.Name));
            }
        }

        if (rule.Kind == RuleKind.CSharp && rule.Operands is [StringValueSyntax code])
        {
            // Scan the source text of the string, as the binder does, so each field's span points into the file.
            var source = file.GetText(code.Span);
            foreach (Match match in FieldAccess().Matches(source))
            {
                var field = match.Groups[1];
                Add(PolicySymbolKind.Column, file, field.Value, new TextSpan(code.Span.Start + field.Index, field.Length), declaration: false, dataset);
            }
        }

        var named = NavigationRule.Of(file, dataset, rule);
        rules.Add(named);
        Add(PolicySymbolKind.Rule, file, named.Name, named.NameSpan, declaration: true, dataset);
    }

    private void VisitTest(SourceFile file, TestDeclarationSyntax test)
    {
        var dataset = test.Dataset.Name;
        Add(PolicySymbolKind.Dataset, file, test.Dataset, declaration: false);
        foreach (var row in test.Rows)
        {
            row.Fields.ToList().ForEach(field => Column(file, dataset, field.Field));
            row.Rules.ToList().ForEach(rule => Add(PolicySymbolKind.Rule, file, rule, declaration: false, dataset));
        }
    }

    // The binder's reading of `doc.x` / `row.x` in a csharp rule: only the first segment is a field.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?:doc|row)\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex FieldAccess();
}

/// <summary>
/// An <c>expect</c> rule and its name: written with <c>as</c> (<see cref="Explicit"/>), else the default
/// <c>&lt;column&gt;_&lt;kind&gt;</c>, whose "declaration" is the column and kind words.
/// </summary>
internal sealed record NavigationRule(string Path, string Dataset, RuleSyntax Syntax, string Name, TextSpan NameSpan, bool Explicit)
{
    public static NavigationRule Of(SourceFile file, string dataset, RuleSyntax rule)
    {
        if (rule.Options.FirstOrDefault(o => o.Keyword.Name == "as") is { Values: [WordValueSyntax explicitName] })
        {
            return new(file.Path, dataset, rule, explicitName.Word.Name, explicitName.Span, true);
        }

        return new(file.Path, dataset, rule, DefaultName(rule, rule.Column?.Path), rule.KindKeyword.Span, false);
    }

    /// <summary>The binder's default name, <c>&lt;column&gt;_&lt;kind&gt;</c> with dots as <c>_</c>, for a rule on <paramref name="columnPath"/>.</summary>
    public static string DefaultName(RuleSyntax rule, string? columnPath)
    {
        var kind = rule.Kind switch
        {
            RuleKind.NotNull => "not_null",
            RuleKind.Unique => "unique",
            RuleKind.Between => "between",
            RuleKind.In => "in",
            RuleKind.Matches => "matches",
            RuleKind.Compare => rule.Operator switch
            {
                ">" => "gt",
                "<" => "lt",
                ">=" => "ge",
                "<=" => "le",
                "=" => "eq",
                "!=" => "ne",
                _ => "compare",
            },
            RuleKind.References => "references",
            RuleKind.FresherThan => "fresher_than",
            RuleKind.RowsAtLeast => "rows_at_least",
            RuleKind.ObjectsAtLeast => "objects_at_least",
            RuleKind.ObjectAgeFresherThan => "object_age_fresher_than",
            RuleKind.Aggregate => Parsing.AggregateWords.NamePart(rule.Function ?? AggregateFunction.Mean),
            RuleKind.RowCount => "rows_at_most",
            _ => "csharp",
        };
        return columnPath is null ? kind : $"{columnPath.Replace('.', '_')}_{kind}";
    }
}
