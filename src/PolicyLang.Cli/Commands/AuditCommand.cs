using System.CommandLine;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc audit verify`: check the hash chain of a policy's tamper-evident audit trail.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyOrAssemblyPath();
        var head = new Option<string?>("--expect-head") { HelpName = "hash", Description = "The last record hash printed by an earlier verify: also detects records deleted from the end." };
        var baseDir = CommonOptions.BaseDirectory();
        var verify = new Command("verify", "Verify the audit trail's hash chain and name any edited, inserted or deleted record.")
        {
            path, head, baseDir,
        };
        verify.SetAction((result, ct) => Cli.GuardAsync(result, async () =>
        {
            var (policy, policyDirectory) = EnforcementHost.Load(result.GetValue(path)!, null);
            var options = new RunOptions { BaseDirectory = result.GetValue(baseDir) is { } dir ? Path.GetFullPath(dir) : policyDirectory };
            var verification = await AuditTrail.VerifyAsync(policy, options, result.GetValue(head), ct);
            foreach (var problem in verification.Problems)
            {
                Console.WriteLine($"record {problem.Index} (sequence {problem.Sequence}): {problem.Kind}: {problem.Message}");
            }

            Console.WriteLine(verification.Problems.Count == 0
                ? $"audit trail intact: {Plural.Of(verification.Records, "record")}, head {verification.Head ?? "(empty)"}"
                : $"audit trail TAMPERED: {Plural.Of(verification.Problems.Count, "problem")} in {Plural.Of(verification.Records, "record")}");
            return verification.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
        }));
        verify.WithHelp(
            [(ExitCodes.Success, "intact"), (ExitCodes.Failed, "tampered (each problem is printed)"), (ExitCodes.Usage, "usage problem, policy errors, no audit trail, or the trail cannot be read")],
            "policyc audit verify examples/quickstart",
            "policyc audit verify examples/quickstart --expect-head 3f9a...   # the head printed by the previous verify");
        return new Command("audit", "Work with a policy's audit trail.") { verify }.WithHelp([], "policyc audit verify examples/quickstart");
    }
}
