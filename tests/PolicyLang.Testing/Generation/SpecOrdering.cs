using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Differential;

/// <summary>
/// <c>increasing</c> / <c>decreasing</c> as docs/language.md "Ordering" defines it, written independently of the runtime: within <c>where</c>,
/// rows whose value and order column are known (not null, not NaN) in the order of the order column, then the value in the expected
/// direction, then the key; each whose value falls behind its predecessor's (or, strictly, does not move past it) violates; outside that
/// sequence a NaN value violates, and a null one unless <c>or null</c>.
/// </summary>
public static class SpecOrdering
{
    public static IReadOnlySet<IReadOnlyDictionary<string, object?>> Violators(RuleModel rule, GeneratedCase c)
    {
        static bool Known(object? v) => v is not null && v is not double.NaN;
        var (column, order) = (rule.Column!, rule.OrderColumn!);
        var rows = c.Facts.Rows.Where(r => rule.Where is null || SpecConditions.Holds(rule.Where, r, c.Now) == true).ToList();
        var violators = new HashSet<IReadOnlyDictionary<string, object?>>(ReferenceEqualityComparer.Instance);
        foreach (var row in rows.Where(r => !Known(r[column]) && (r[column] is not null || !rule.OrNull)))
        {
            violators.Add(row);
        }

        var sequence = rows.Where(r => Known(r[column]) && Known(r[order])).ToList();
        sequence.Sort((a, b) =>
        {
            var byOrder = SpecValues.Order(a[order]!, b[order]!)!.Value;
            var byValue = SpecValues.Order(a[column]!, b[column]!)!.Value * (rule.Decreasing ? -1 : 1);
            return byOrder != 0 ? byOrder : byValue != 0 ? byValue : ((long)a[GeneratedTable.Key]!).CompareTo((long)b[GeneratedTable.Key]!);
        });
        for (var i = 1; i < sequence.Count; i++)
        {
            var step = SpecValues.Order(sequence[i][column]!, sequence[i - 1][column]!)!.Value * (rule.Decreasing ? -1 : 1);
            if (step < 0 || (rule.Strictly && step == 0))
            {
                violators.Add(sequence[i]);
            }
        }

        return violators;
    }
}
