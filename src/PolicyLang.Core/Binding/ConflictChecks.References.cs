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
            foreach (var rule in child.Rules.Where(r => r.Kind == RuleKind.References && r.Column is not null && r.TargetColumn is not null))
            {
                if (rule.TargetDataset == child.Name || scope.Dataset(rule.TargetDataset!) is not { } parent)
                {
                    continue;
                }

                // References ignore nulls: a child row stops pointing at its parent once it is deleted or the column anonymized.
                if (Erasing(parent, rule.TargetColumn!) is not { } parentGone)
                {
                    continue;
                }

                var childGone = Erasing(child, rule.Column!);
                if (childGone is not null && Windows.IsLonger(childGone.Window, parentGone.Window) != true)
                {
                    continue;
                }

                var parentWindow = $"`{parent.Name}` rows are {Erases(parentGone, rule.TargetColumn!)} after {parentGone.Window}";
                yield return childGone is null
                    ? Conflict(ConflictDiagnostics.ReferenceOutlivesTarget, rule.Location,
                        $"`{child.Name}` keeps its rows with no retention, but {parentWindow}: rule `{rule.Name}` then fails on every row still pointing at a deleted `{parent.Name}` row, forever",
                        parentGone.Location, $"{parentWindow} here")
                    : Conflict(ConflictDiagnostics.ReferenceOutlivesTarget, childGone.Location,
                        $"`{child.Name}` rows are {Erases(childGone, rule.Column!)} after {childGone.Window}, but {parentWindow}: rule `{rule.Name}` fails on every row still pointing at a deleted `{parent.Name}` row until it is {Erases(childGone, rule.Column!)} too",
                        parentGone.Location, $"{parentWindow} here");
            }
        }
    }
}
