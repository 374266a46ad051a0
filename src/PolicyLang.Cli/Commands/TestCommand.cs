using System.CommandLine;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Testing;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc test`: run the policy's `test` blocks and report rule coverage.</summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyPath();
        var today = CommonOptions.Today();
        var command = new Command("test", "Run the policy's test blocks against its rules (in memory, no store) and list rules no test exercises. ")
        {
            path, today,
        };
        command.SetAction(result => Cli.Guard(result, () =>
        {
            var (policy, _) = EnforcementHost.Load(result.GetValue(path)!, result.GetValue(today));
            var report = PolicyTestRunner.Run(policy.Model, policy.Tests, DateTimeOffset.UtcNow);
            foreach (var r in report.Results)
            {
                var where = $"{r.Case.Source.File}({r.Case.Source.Line},{r.Case.Source.Column})";
                var rules = string.Join(", ", r.Case.ExpectedFailures);
                Console.WriteLine(r.Passed
                    ? $"  ok    {where}: {r.Case.Dataset} row {(r.Case.ExpectPass ? "passes" : $"fails {rules}")}"
                    : $"  FAIL  {where}: {r.Case.Dataset} row expected to {(r.Case.ExpectPass ? "pass" : $"fail {rules}")}; {r.Message ?? "failing rules: " + string.Join(", ", r.FailingRules)}");
            }

            Console.WriteLine($"{Values.Count(report.Passed)} passed, {Values.Count(report.Failed)} failed");
            if (report.UncoveredRules.Count > 0)
            {
                Console.WriteLine($"rules no test exercises ({report.UncoveredRules.Count}): {string.Join(", ", report.UncoveredRules)}");
            }

            if (report.UntestableRules.Count > 0)
            {
                Console.WriteLine($"rules a single row cannot exercise ({report.UntestableRules.Count}): {string.Join(", ", report.UntestableRules)}");
            }

            return report.Failed > 0 ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command.WithHelp(
            [(ExitCodes.Success, "every test passed"), (ExitCodes.Failed, "a test failed"), (ExitCodes.Usage, "usage problem or the policy has errors")],
            "policyc test examples/quickstart");
    }
}
