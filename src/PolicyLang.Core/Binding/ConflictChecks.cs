using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Binding;

/// <summary>
/// The binder's last pass: declarations that are each valid but contradict one another (GOV0330–GOV0339, docs/conflicts.md).
/// It reads the bound policy, so every dataset, backup and rule is known whatever the file and order they are written in.
/// Each diagnostic points at one declaration and names the other as its related location. Only declarations that are valid on
/// their own take part: a dataset or backup with an error (or a member that did not parse, whose meaning is unknown) is left
/// out, so a mistake is reported once, as itself, and not again as the conflicts it seems to cause.
/// </summary>
internal static partial class ConflictChecks
{
    public static IReadOnlyList<Diagnostic> Find(
        BoundPolicy policy, IReadOnlyList<(SourceFile File, DeclarationSyntax Declaration)> declarations, IReadOnlyList<Diagnostic> reported)
    {
        var errors = reported.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => new SourceLocation(d.File, d.Span))
            .Concat(policy.Unparsed.Select(u => u.Location)).ToList();
        bool Valid(SourceLocation declaration) => !errors.Any(e => Within(e, declaration));
        var scope = new ConflictScope(
            policy, new ConflictSources(declarations), [.. policy.Datasets.Where(d => Valid(d.Declaration))], [.. policy.Backups.Where(b => Valid(b.Location))]);
        return
        [
            .. AnonymizedColumns(scope),
            .. References(scope),
            .. MissingKeys(scope),
            .. Backups(scope),
            .. Archives(scope),
            .. Access(scope),
        ];
    }

    private static bool Within(SourceLocation inner, SourceLocation outer) =>
        ReferenceEquals(inner.File, outer.File) && inner.Span.Start >= outer.Span.Start && inner.Span.End <= outer.Span.End;

    private static Diagnostic Conflict(DiagnosticDescriptor descriptor, SourceLocation at, string message, SourceLocation related, string relatedMessage) =>
        new(descriptor, message, at.File, at.Span) { Related = new RelatedLocation(related.File, related.Span, relatedMessage) };

    /// <summary>The stages that act on the dataset's own rows, in the order written (windows increasing).</summary>
    private static IEnumerable<RetentionSymbol> RowStages(DatasetSymbol dataset) => dataset.Lifecycle.Where(s => s.CopiesIn is null);

    /// <summary>True when <paramref name="stage"/> anonymizes <paramref name="column"/> or a document field it is inside of.</summary>
    private static bool Anonymizes(RetentionSymbol stage, string column) =>
        stage.Action == RetentionAction.Anonymize && stage.CopiesIn is null
        && stage.AnonymizeColumns.Any(c => c == column || column.StartsWith(c + ".", StringComparison.Ordinal));

    /// <summary>The first stage after which the rows no longer hold <paramref name="column"/>'s value: deleted or anonymized.</summary>
    private static RetentionSymbol? Erasing(DatasetSymbol dataset, string column) =>
        RowStages(dataset).FirstOrDefault(s => s.DeletesRows || Anonymizes(s, column));

    private static string Erases(RetentionSymbol stage, string column) =>
        stage.DeletesRows ? "deleted" : $"anonymized (`{column}`)";

    private sealed record ConflictScope(BoundPolicy Policy, ConflictSources Sources, IReadOnlyList<DatasetSymbol> Datasets, IReadOnlyList<BackupSymbol> Backups)
    {
        public DatasetSymbol? Dataset(string name) => Datasets.FirstOrDefault(d => d.Name == name);
    }
}
