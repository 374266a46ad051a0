using PolicyLang.Core.Compilation;
using PolicyLang.Core.Controls;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>
/// "Require this safeguard": for a safeguard the policy evidently covers (Compliant from its statements or rules) but
/// does not <c>require</c>, offered inside the <c>controls</c> block; the edit extends the first <c>require</c> line.
/// </summary>
internal static class CodeActionsRequire
{
    public static IEnumerable<CodeAction> Propose(PolicyCompilation compilation, string path, TextSpan range)
    {
        var controls = compilation.Syntax.Where(s => s.Syntax.File.Path == path)
            .SelectMany(s => s.Syntax.Declarations).OfType<ControlsDeclarationSyntax>()
            .FirstOrDefault(c => c.Span.Start <= range.Start && range.End <= c.Span.End);
        if (controls is null)
        {
            return [];
        }

        return compilation.Coverage.Safeguards
            .Where(s => !s.Required && s.Status == SafeguardStatus.Compliant && s.Waiver is null)
            .Select(s => AddRequire(compilation, s.Id) is { } edit
                ? new CodeAction($"Require {s.Id} ({s.Title}): the policy covers it", [edit], null, false)
                : null)
            .OfType<CodeAction>();
    }

    /// <summary>Adds <paramref name="id"/> to the first <c>require</c> of the <c>controls cis-v8</c> block, or a <c>require</c> line to the block.</summary>
    public static TextEdit? AddRequire(PolicyCompilation compilation, string id)
    {
        var (file, controls) = compilation.Syntax
            .SelectMany(s => s.Syntax.Declarations.OfType<ControlsDeclarationSyntax>().Select(c => (s.Syntax.File, Controls: c)))
            .FirstOrDefault(x => x.Controls.Framework.Name == Frameworks.CisV8);
        if (controls is null)
        {
            return null;
        }

        if (controls.Statements.OfType<RequireSyntax>().FirstOrDefault() is { } require)
        {
            return new TextEdit(file.Path, new TextSpan(require.Span.End, 0), $", {id}");
        }

        var close = controls.Span.End - 1;
        return new TextEdit(file.Path, new TextSpan(close, 0), $"  require {id}\n");
    }
}
