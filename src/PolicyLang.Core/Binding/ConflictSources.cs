using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Binding;

/// <summary>
/// Finer locations for conflict diagnostics than the bound model keeps (a dataset's name and <c>classification</c>, one
/// anonymized column of a stage, a stage's <c>archive to</c> step, a backup's <c>retain</c>): read from the declaration the
/// symbol was bound from, matched by file and span. Each falls back to the symbol's own location.
/// </summary>
internal sealed class ConflictSources(IReadOnlyList<(SourceFile File, DeclarationSyntax Declaration)> declarations)
{
    public SourceLocation Name(DatasetSymbol dataset) =>
        Syntax<DatasetDeclarationSyntax>(dataset.Declaration) is { } syntax ? At(dataset.Declaration, syntax.Name.Span) : dataset.Declaration;

    /// <summary>The dataset's <c>classification</c> setting, else its name.</summary>
    public SourceLocation Classification(DatasetSymbol dataset) =>
        Syntax<DatasetDeclarationSyntax>(dataset.Declaration)?.Members.OfType<DatasetSettingSyntax>()
            .FirstOrDefault(m => m.Setting.Keyword.Name == "classification") is { } setting
            ? At(dataset.Declaration, setting.Span)
            : Name(dataset);

    /// <summary>Where <paramref name="stage"/> names <paramref name="column"/> after <c>anonymize</c>.</summary>
    public SourceLocation AnonymizedColumn(DatasetSymbol dataset, RetentionSymbol stage, string column) =>
        Retain(dataset, stage)?.AnonymizeColumns.FirstOrDefault(c => c.Path == column) is { } path ? At(stage.Location, path.Span) : stage.Location;

    /// <summary>The stage's <c>archive to &lt;store&gt; as &lt;format&gt;</c> step.</summary>
    public SourceLocation ArchiveStep(DatasetSymbol dataset, RetentionSymbol stage) =>
        Retain(dataset, stage)?.Archive is { } archive ? At(stage.Location, archive.Span) : stage.Location;

    /// <summary>The backup's <c>retain</c> setting, else the backup.</summary>
    public SourceLocation BackupRetain(BackupSymbol backup) =>
        Syntax<BackupDeclarationSyntax>(backup.Location)?.Settings.FirstOrDefault(s => s.Keyword.Name == "retain") is { } setting
            ? At(backup.Location, setting.Span)
            : backup.Location;

    private RetainSyntax? Retain(DatasetSymbol dataset, RetentionSymbol stage) =>
        Syntax<DatasetDeclarationSyntax>(dataset.Declaration)?.Members.OfType<RetainSyntax>().FirstOrDefault(r => r.Span == stage.Location.Span);

    private T? Syntax<T>(SourceLocation location)
        where T : DeclarationSyntax =>
        declarations.Where(d => ReferenceEquals(d.File, location.File) && d.Declaration.Span == location.Span)
            .Select(d => d.Declaration).OfType<T>().FirstOrDefault();

    private static SourceLocation At(SourceLocation within, TextSpan span) => new(within.File, span);
}
