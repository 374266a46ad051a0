using PolicyLang.Core.Compilation;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>
/// A file's outline from its syntax tree (so it is there while the file has errors): the policy, classification and its
/// levels, roles, stores, datasets with their columns, rules, retention, masks and grants, audit, backups, controls
/// with their statements, approvals, changes and tests. Rules carry the name the binder gives them.
/// </summary>
public static class DocumentSymbols
{
    public static IReadOnlyList<PolicySymbol> Of(PolicyCompilation compilation, SourceFile file)
    {
        var syntax = compilation.Syntax.FirstOrDefault(s => ReferenceEquals(s.Syntax.File, file))?.Syntax;
        if (syntax is null)
        {
            return [];
        }

        var ruleNames = compilation.Bound.Datasets
            .SelectMany(d => d.Rules)
            .Where(r => ReferenceEquals(r.Location.File, file))
            .GroupBy(r => r.Location.Span.Start)
            .ToDictionary(g => g.Key, g => g.First().Name);
        return [.. syntax.Declarations.Select(d => Declaration(file, d, ruleNames)).OfType<PolicySymbol>()];
    }

    private static PolicySymbol? Declaration(SourceFile file, DeclarationSyntax declaration, IReadOnlyDictionary<int, string> ruleNames) => declaration switch
    {
        PolicyDeclarationSyntax policy => Leaf(policy.Title.Value, "policy", PolicySymbolKind.Policy, policy, policy.Title.Span),
        ClassificationDeclarationSyntax classification => new PolicySymbol(
            "classification",
            string.Join(" < ", classification.Levels.Select(l => l.Name)),
            PolicySymbolKind.Classification,
            classification.Span,
            Keyword(classification, "classification"),
            [.. classification.Levels.Select(l => Leaf(l.Name, null, PolicySymbolKind.ClassificationLevel, l, l.Span))]),
        RoleDeclarationSyntax role => Leaf(role.Name.Name, role.Description?.Value, PolicySymbolKind.Role, role, role.Name.Span),
        StoreDeclarationSyntax store => Leaf(store.Name.Name, store.Kind.Name, PolicySymbolKind.Store, store, store.Name.Span),
        DatasetDeclarationSyntax dataset => new PolicySymbol(
            dataset.Name.Name,
            $"in {dataset.Store.Name} {dataset.LocationKind.Name} \"{dataset.Location.Value}\"",
            PolicySymbolKind.Dataset,
            dataset.Span,
            dataset.Name.Span,
            [.. dataset.Members.Select(m => Member(file, m, ruleNames)).OfType<PolicySymbol>()]),
        AuditDeclarationSyntax audit => Leaf("audit", null, PolicySymbolKind.Audit, audit, Keyword(audit, "audit")),
        HistoryDeclarationSyntax history => Leaf("history", null, PolicySymbolKind.History, history, Keyword(history, "history")),
        BackupDeclarationSyntax backup => Leaf(backup.Name.Name, "backup", PolicySymbolKind.Backup, backup, backup.Name.Span),
        ControlsDeclarationSyntax controls => new PolicySymbol(
            $"controls {controls.Framework.Name}",
            null,
            PolicySymbolKind.Controls,
            controls.Span,
            controls.Framework.Span,
            [.. controls.Statements.Select(s => ControlStatement(file, s))]),
        ApprovalDeclarationSyntax approval => Leaf(approval.Reviewer.Value, $"{approval.Status.Name} on {approval.Date.Text}", PolicySymbolKind.Approval, approval, approval.Reviewer.Span),
        ChangeDeclarationSyntax change => Leaf(change.Version.Value, $"{change.Date.Text} by {change.Author.Value}", PolicySymbolKind.Change, change, change.Version.Span),
        TestDeclarationSyntax test => Leaf($"test {test.Dataset.Name}", $"{test.Rows.Count} row{(test.Rows.Count == 1 ? string.Empty : "s")}", PolicySymbolKind.Test, test, test.Dataset.Span),
        _ => null,
    };

    private static PolicySymbol? Member(SourceFile file, DatasetMemberSyntax member, IReadOnlyDictionary<int, string> ruleNames) => member switch
    {
        ColumnDeclarationSyntax column => Leaf(
            column.Name.Name,
            string.Join(' ', column.Modifiers.Select(m => m.Name).Prepend(column.Type.ToString())),
            PolicySymbolKind.Column,
            column,
            column.Name.Span),
        RuleSyntax rule => Leaf(
            ruleNames.TryGetValue(rule.Span.Start, out var name) ? name : Written(file, rule),
            Written(file, rule),
            PolicySymbolKind.Rule,
            rule,
            rule.Column?.Span ?? rule.KindKeyword.Span),
        RetainSyntax retain => Leaf($"retain {Written(file, retain.Window)}", Written(file, retain), PolicySymbolKind.Retention, retain, Keyword(retain, "retain")),
        MaskSyntax mask => Leaf($"mask {mask.Column.Path}", Written(file, mask), PolicySymbolKind.Mask, mask, mask.Column.Span),
        GrantSyntax grant => Leaf($"grant {grant.Privilege.Name}", string.Join(", ", grant.Roles.Select(r => r.Name)), PolicySymbolKind.Grant, grant, Keyword(grant, "grant")),
        _ => null,
    };

    private static PolicySymbol ControlStatement(SourceFile file, ControlStatementSyntax statement) => statement switch
    {
        RequireSyntax require => Leaf("require", string.Join(", ", require.Safeguards.Select(s => s.Id)), PolicySymbolKind.ControlStatement, require, Keyword(require, "require")),
        EvidenceSyntax evidence => Leaf($"evidence {evidence.Safeguard.Id}", evidence.Text.Value, PolicySymbolKind.ControlStatement, evidence, evidence.Safeguard.Span),
        WaiveSyntax waive => Leaf($"waive {waive.Safeguard.Id}", waive.Reason?.Value, PolicySymbolKind.ControlStatement, waive, waive.Safeguard.Span),
        _ => Leaf(Written(file, statement), null, PolicySymbolKind.ControlStatement, statement, statement.Span),
    };

    private static PolicySymbol Leaf(string name, string? detail, PolicySymbolKind kind, SyntaxNode node, TextSpan nameSpan) =>
        new(name, detail, kind, node.Span, nameSpan, []);

    private static TextSpan Keyword(SyntaxNode node, string keyword) => new(node.Span.Start, keyword.Length);

    // The construct as written, on one line (for details: `ra between 0 and 360`), without a leading `expect`.
    private static string Written(SourceFile file, SyntaxNode node)
    {
        var text = string.Join(' ', file.GetText(node.Span).Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return text.StartsWith("expect ", StringComparison.Ordinal) ? text["expect ".Length..] : text;
    }
}
