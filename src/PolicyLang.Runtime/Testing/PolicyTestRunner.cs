using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Testing;

/// <summary>The outcome of one policy test.</summary>
/// <param name="Case">The test.</param>
/// <param name="Passed">Whether the expectation held.</param>
/// <param name="FailingRules">Rules the row broke.</param>
/// <param name="Message">Why the test failed, in one line; null when it passed.</param>
public sealed record PolicyTestResult(PolicyTestCase Case, bool Passed, IReadOnlyList<string> FailingRules, string? Message);

/// <summary>All policy test results plus rule coverage.</summary>
/// <param name="Results">One per test, in order.</param>
/// <param name="UncoveredRules">Row-level rules (<c>dataset.rule</c>) that no test expects to fail: nothing shows they catch a bad row.</param>
/// <param name="UntestableRules">Rules a single row cannot decide (unique, references, rows/objects at least, object-age).</param>
public sealed record PolicyTestReport(IReadOnlyList<PolicyTestResult> Results, IReadOnlyList<string> UncoveredRules, IReadOnlyList<string> UntestableRules)
{
    /// <summary>Tests that passed.</summary>
    public int Passed => Results.Count(r => r.Passed);

    /// <summary>Tests that failed.</summary>
    public int Failed => Results.Count(r => !r.Passed);
}

/// <summary>
/// Runs policy tests with the in-memory evaluator: each row is checked alone against the row-level rules of its dataset
/// (any severity counts: a test asks whether the rule catches the row, not how loudly).
/// </summary>
public static class PolicyTestRunner
{
    /// <summary>Runs <paramref name="tests"/> against <paramref name="policy"/> with <paramref name="now"/> as the clock.</summary>
    public static PolicyTestReport Run(PolicyModel policy, IReadOnlyList<PolicyTestCase> tests, DateTimeOffset now)
    {
        var results = new List<PolicyTestResult>();
        var exercised = new HashSet<string>(StringComparer.Ordinal);
        foreach (var test in tests)
        {
            var dataset = policy.Datasets.FirstOrDefault(d => d.Name == test.Dataset);
            if (dataset is null)
            {
                results.Add(new(test, false, [], $"no dataset named '{test.Dataset}'"));
                continue;
            }
            // Each value in its column's CLR type, exactly as a run hands it over (a `date` column's `now` is today's DateOnly).
            var row = ColumnValues.Row(dataset, test.Row.ToDictionary(kv => kv.Key, kv => ReferenceEquals(kv.Value, PolicyTestCase.Now) ? now : kv.Value));
            var failing = new List<string>();
            string? predicateError = null;
            foreach (var rule in dataset.Rules.Where(r => InMemoryEvaluator.IsRowLevel(r.Kind)))
            {
                bool violates;
                try { violates = InMemoryEvaluator.RowViolates(rule, row, now); }
                catch (Exception ex)
                {
                    // Same rule as the runner: a predicate that throws is a violation.
                    predicateError ??= $"rule '{rule.Name}' threw: {ex.Message}";
                    violates = true;
                }

                if (violates)
                {
                    failing.Add(rule.Name);
                }
            }

            foreach (var name in test.ExpectedFailures)
            {
                exercised.Add($"{dataset.Name}.{name}");
            }

            results.Add(Judge(test, dataset, failing, predicateError));
        }

        var uncovered = policy.Datasets.SelectMany(d => d.Rules.Where(r => InMemoryEvaluator.IsRowLevel(r.Kind)).Select(r => $"{d.Name}.{r.Name}"))
            .Where(name => !exercised.Contains(name)).ToList();
        var untestable = policy.Datasets.SelectMany(d => d.Rules.Where(r => !InMemoryEvaluator.IsRowLevel(r.Kind)).Select(r => $"{d.Name}.{r.Name}")).ToList();
        return new PolicyTestReport(results, uncovered, untestable);
    }

    private static PolicyTestResult Judge(PolicyTestCase test, DatasetModel dataset, List<string> failing, string? predicateError)
    {
        var suffix = predicateError is null ? "" : $" ({predicateError})";
        if (test.ExpectPass)
        {
            return failing.Count == 0
                ? new(test, true, failing, null)
                : new(test, false, failing, $"expected the row to pass, but {Join(failing)} failed{suffix}");
        }

        var unknown = test.ExpectedFailures.Where(n => dataset.Rules.All(r => r.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            return new(test, false, failing, $"dataset '{dataset.Name}' has no rule named {Join(unknown)}");
        }

        var missing = test.ExpectedFailures.Where(n => !failing.Contains(n)).ToList();
        return missing.Count == 0
            ? new(test, true, failing, null)
            : new(test, false, failing, $"expected {Join(missing)} to fail, but {(failing.Count == 0 ? "no rule" : Join(failing))} failed{suffix}");
    }

    private static string Join(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
