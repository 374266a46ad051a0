using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>The names a file's syntax tree declares and references, by start offset, with their semantic class.</summary>
internal sealed class SemanticNames
{
    private readonly Dictionary<int, (SemanticTokenType, SemanticTokenModifiers)> names = [];

    public static IReadOnlyDictionary<int, (SemanticTokenType Type, SemanticTokenModifiers Modifiers)> Of(PolicyFileSyntax syntax)
    {
        var collector = new SemanticNames();
        foreach (var declaration in syntax.Declarations)
        {
            collector.Declaration(declaration);
        }

        return collector.names;
    }

    private void Declaration(DeclarationSyntax declaration)
    {
        switch (declaration)
        {
            case PolicyDeclarationSyntax policy:
                Settings(policy.Settings, ("frameworks", SemanticTokenType.Enum));
                break;
            case ClassificationDeclarationSyntax classification:
                classification.Levels.ToList().ForEach(l => Declare(l.Span, SemanticTokenType.EnumMember));
                break;
            case RoleDeclarationSyntax role:
                Declare(role.Name.Span, SemanticTokenType.Variable);
                break;
            case StoreDeclarationSyntax store:
                Declare(store.Name.Span, SemanticTokenType.Namespace);
                Add(store.Kind.Span, SemanticTokenType.Type);
                break;
            case DatasetDeclarationSyntax dataset:
                Declare(dataset.Name.Span, SemanticTokenType.Class);
                Add(dataset.Store.Span, SemanticTokenType.Namespace);
                dataset.Members.ToList().ForEach(Member);
                break;
            case AuditDeclarationSyntax audit:
                Settings(audit.Settings, ("store", SemanticTokenType.Namespace));
                break;
            case HistoryDeclarationSyntax history:
                Settings(history.Settings, ("store", SemanticTokenType.Namespace));
                break;
            case BackupDeclarationSyntax backup:
                Declare(backup.Name.Span, SemanticTokenType.Variable);
                Settings(backup.Settings, ("covers", SemanticTokenType.Namespace), ("offsite", SemanticTokenType.Namespace));
                break;
            case ControlsDeclarationSyntax controls:
                Add(controls.Framework.Span, SemanticTokenType.Enum);
                controls.Statements.ToList().ForEach(ControlStatement);
                break;
            case TestDeclarationSyntax test:
                Add(test.Dataset.Span, SemanticTokenType.Class);
                foreach (var row in test.Rows)
                {
                    row.Fields.ToList().ForEach(f => Path(f.Field));
                    row.Rules.ToList().ForEach(r => Add(r.Span, SemanticTokenType.Function));
                }

                break;
        }
    }

    private void Member(DatasetMemberSyntax member)
    {
        switch (member)
        {
            case DatasetSettingSyntax setting:
                Settings([setting.Setting], ("classification", SemanticTokenType.EnumMember), ("key", SemanticTokenType.Property));
                break;
            case ColumnDeclarationSyntax column:
                Declare(column.Name.Span, SemanticTokenType.Property);
                Add(column.Type.Name.Span, SemanticTokenType.Type);
                break;
            case RuleSyntax rule:
                Rule(rule);
                break;
            case RetainSyntax retain:
                if (retain.By.Path != "last-modified")
                {
                    Path(retain.By);
                }

                if (retain.Archive is { } archive)
                {
                    Add(archive.Store.Span, SemanticTokenType.Namespace);
                }

                if (retain.CopiesIn is { } copies)
                {
                    Add(copies.Span, SemanticTokenType.Namespace);
                }

                retain.AnonymizeColumns.ToList().ForEach(Path);
                break;
            case MaskSyntax mask:
                Path(mask.Column);
                break;
            case GrantSyntax grant:
                grant.Roles.ToList().ForEach(r => Add(r.Span, SemanticTokenType.Variable));
                break;
        }
    }

    private void Rule(RuleSyntax rule)
    {
        if (rule.Column is { } column)
        {
            Path(column);
        }

        rule.Columns.ToList().ForEach(Path);
        foreach (var operand in rule.Operands)
        {
            switch (operand)
            {
                case QualifiedNameValueSyntax target:
                    Add(target.Dataset.Span, SemanticTokenType.Class);
                    Add(target.Column.Span, SemanticTokenType.Property);
                    break;
                case CompositeNameValueSyntax composite:
                    Add(composite.Dataset.Span, SemanticTokenType.Class);
                    composite.Columns.ToList().ForEach(c => Add(c.Span, SemanticTokenType.Property));
                    break;
                case StringValueSyntax pattern when rule.Kind == RuleKind.Matches:
                    Add(pattern.Span, SemanticTokenType.Regexp);
                    break;
            }
        }

        foreach (var option in rule.Options)
        {
            switch (option.Keyword.Name)
            {
                case "as":
                    option.Values.OfType<WordValueSyntax>().ToList().ForEach(v => Declare(v.Span, SemanticTokenType.Function));
                    break;
                case "covers":
                    option.Values.ToList().ForEach(v => Add(v.Span, SemanticTokenType.Decorator));
                    break;
            }
        }
    }

    private void ControlStatement(ControlStatementSyntax statement)
    {
        switch (statement)
        {
            case RequireSyntax require:
                require.Safeguards.ToList().ForEach(s => Add(s.Span, SemanticTokenType.Decorator));
                break;
            case EvidenceSyntax evidence:
                Add(evidence.Safeguard.Span, SemanticTokenType.Decorator);
                break;
            case WaiveSyntax waive:
                Add(waive.Safeguard.Span, SemanticTokenType.Decorator);
                break;
        }
    }

    // The word values of the settings named in `named` (`covers research, telemetry`), lists included.
    private void Settings(IEnumerable<SettingSyntax> settings, params (string Keyword, SemanticTokenType Type)[] named)
    {
        foreach (var setting in settings)
        {
            foreach (var (keyword, type) in named.Where(n => n.Keyword == setting.Keyword.Name))
            {
                foreach (var word in Words(setting.Values))
                {
                    Add(word.Span, type);
                }
            }
        }
    }

    private static IEnumerable<WordValueSyntax> Words(IEnumerable<ValueSyntax> values) =>
        values.SelectMany(v => v switch
        {
            WordValueSyntax word => [word],
            ListValueSyntax list => Words(list.Items),
            _ => [],
        });

    private void Path(ColumnPathSyntax path) => path.Parts.ToList().ForEach(p => Add(p.Span, SemanticTokenType.Property));

    private void Declare(TextSpan span, SemanticTokenType type) => names[span.Start] = (type, SemanticTokenModifiers.Declaration);

    private void Add(TextSpan span, SemanticTokenType type) => names.TryAdd(span.Start, (type, SemanticTokenModifiers.None));
}
