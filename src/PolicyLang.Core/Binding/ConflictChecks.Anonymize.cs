using PolicyLang.Contracts;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Core.Binding;

/// <summary>GOV0330–GOV0332: an <c>anonymize</c> stage nulls a column that may not be null.</summary>
internal static partial class ConflictChecks
{
    /// <summary>Column rules a null violates unless they say <c>or null</c> (<c>unique</c> and <c>references</c> ignore nulls).</summary>
    private static readonly RuleKind[] NullViolates = [RuleKind.NotNull, RuleKind.Between, RuleKind.In, RuleKind.Matches, RuleKind.Compare];

    private static IEnumerable<Diagnostic> AnonymizedColumns(ConflictScope scope)
    {
        foreach (var dataset in scope.Datasets)
        {
            var clocks = RowStages(dataset).Select(s => s.ByColumn).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var stage in RowStages(dataset).Where(s => s.Action == RetentionAction.Anonymize))
            {
                // The key and the `by` columns are GOV0318 already; a column anonymized twice is GOV0319.
                foreach (var column in stage.AnonymizeColumns.Where(c => !dataset.KeyColumns.Contains(c) && !clocks.Contains(c) && seen.Add(c)))
                {
                    if (Anonymized(scope, dataset, stage, column) is { } conflict)
                    {
                        yield return conflict;
                    }
                }
            }
        }
    }

    private static Diagnostic? Anonymized(ConflictScope scope, DatasetSymbol dataset, RetentionSymbol stage, string column)
    {
        var at = scope.Sources.AnonymizedColumn(dataset, stage, column);
        var until = RowStages(dataset).FirstOrDefault(s => s.DeletesRows) is { } delete ? $" until they are deleted after {delete.Window}" : string.Empty;
        if (dataset.Columns.FirstOrDefault(c => c.Name == column && c.NotNull) is { } declared)
        {
            return Conflict(ConflictDiagnostics.AnonymizedNotNullColumn, at,
                $"`anonymize` sets `{column}` to null after {stage.Window}, but the column is declared `not null`: the store refuses the update and the stage fails on every run",
                declared.Location, $"`{column}` is declared `not null` here");
        }

        var rules = dataset.Rules.Where(r => r.Column is { } c && NullViolates.Contains(r.Kind) && !r.OrNull
            && (c == column || c.StartsWith(column + ".", StringComparison.Ordinal))).ToList();
        if (rules.FirstOrDefault(FailsOnAnyViolation) is { } failing)
        {
            return Conflict(ConflictDiagnostics.AnonymizedColumnFailsRule, at,
                $"`anonymize` sets `{column}` to null after {stage.Window}, and rule `{failing.Name}` ({failing.Describe()}) fails on a null: rows past {stage.Window} keep the null{until}, so the rule fails on every run; add `or null` to it",
                failing.Location, $"rule `{failing.Name}` fails on a null `{failing.Column}`");
        }

        return rules.FirstOrDefault() is { } tolerant
            ? Conflict(ConflictDiagnostics.AnonymizedColumnStrainsRule, at,
                $"`anonymize` sets `{column}` to null after {stage.Window}, and rule `{tolerant.Name}` ({tolerant.Describe()}) counts every null as a violation{(tolerant.Tolerance > 0 ? ": once the anonymized rows exceed its tolerance it fails" : ": it reports them on every run")}; add `or null` to it",
                tolerant.Location, $"rule `{tolerant.Name}` counts a null `{tolerant.Column}` as a violation")
            : null;
    }

    private static bool FailsOnAnyViolation(RuleSymbol rule) => rule.Severity == RuleSeverity.Error && !(rule.Tolerance > 0);
}
