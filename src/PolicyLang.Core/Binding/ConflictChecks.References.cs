using PolicyLang.Contracts;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Core.Binding;

/// <summary>GOV0333: a dataset whose <c>references</c> rule outlives the rows it references.</summary>
internal static partial class ConflictChecks
{
    private static IEnumerable<Diagnostic> References(ConflictScope scope)
    {
        foreach (var child in scope.Datasets)
        {
            foreach (var rule in child.Rules.Where(r => r.Kind == RuleKind.References && r.Columns.Count > 0 && r.TargetColumns.Count == r.Columns.Count))
            {
                if (rule.TargetDataset == child.Name || scope.Dataset(rule.TargetDataset!) is not { } parent)
                {
                    continue;
                }

                // References ignore nulls: a child row stops pointing at its parent once it is deleted or a column anonymized
                // (for a composite reference, the first of its columns that a stage erases).
                var targetColumn = rule.TargetColumns.FirstOrDefault(c => Erasing(parent, c) is not null) ?? rule.TargetColumns[0];
                if (Erasing(parent, targetColumn) is not { } parentGone)
                {
                    continue;
                }

                var column = rule.Columns.FirstOrDefault(c => Erasing(child, c) is not null) ?? rule.Columns[0];
                var childGone = Erasing(child, column);
                if (childGone is not null && Windows.IsLonger(childGone.Window, parentGone.Window) != true)
                {
                    continue;
                }

                var parentWindow = $"`{parent.Name}` rows are {Erases(parentGone, targetColumn)} after {parentGone.Window}";
                yield return childGone is null
                    ? Conflict(ConflictDiagnostics.ReferenceOutlivesTarget, rule.Location,
                        $"`{child.Name}` keeps its rows with no retention, but {parentWindow}: rule `{rule.Name}` then fails on every row still pointing at a deleted `{parent.Name}` row, forever",
                        parentGone.Location, $"{parentWindow} here")
                    : Conflict(ConflictDiagnostics.ReferenceOutlivesTarget, childGone.Location,
                        $"`{child.Name}` rows are {Erases(childGone, column)} after {childGone.Window}, but {parentWindow}: rule `{rule.Name}` fails on every row still pointing at a deleted `{parent.Name}` row until it is {Erases(childGone, column)} too",
                        parentGone.Location, $"{parentWindow} here");
            }
        }
    }
}
