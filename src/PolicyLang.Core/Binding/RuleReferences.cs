using System.Text.RegularExpressions;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Binding;

/// <summary>Rules that name things beyond one column: <c>csharp</c> (and <c>references</c>, in RuleBinder.Composite.cs).</summary>
internal sealed partial class RuleBinder
{
    private Operands CSharp()
    {
        // INVARIANT: the grammar gives `csharp` exactly one string operand.
        var code = (StringValueSyntax)rule.Operands[0];

        // Scan the source text, not the unescaped value, so each field's span points into the file.
        var source = ctx.File.GetText(code.Span);
        var fields = new List<string>();
        foreach (Match match in FieldAccess().Matches(source))
        {
            var field = match.Groups[1];
            if (fields.Contains(field.Value))
            {
                continue;
            }

            fields.Add(field.Value);
            scope.Lookup(field.Value, field.Value, new TextSpan(code.Span.Start + field.Index, field.Length));
        }

        return new Operands([]) { Expression = code.Value, Fields = fields, ExpressionLocation = ctx.Locate(code) };
    }

    // `doc.x` / `row.x`: only the first segment is a field; `doc.name.Length` reads `name`.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?:doc|row)\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex FieldAccess();
}
