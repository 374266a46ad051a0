using System.CommandLine;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc audit verify`: check the hash chain of a policy's tamper-evident audit trail.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path")
        {
            Description = "A policy (.gov file or folder) or a built <policy>.Enforcement.dll.",
            DefaultValueFactory = _ => ".",
        };
        var head = new Option<string?>("--expect-head") { Description = "The last record hash printed by an earlier verify: also detects records deleted from the end." };
        var baseDir = new Option<string?>("--base-dir") { Description = "Folder that relative store paths resolve against (default: the policy's folder; for a .dll, the working directory)." };
        var verify = new Command("verify", "Verify the audit trail's hash chain and name any edited, inserted or deleted record. Exit 0: intact; 1: tampered; 2: usage or the trail cannot be read.")
        {
            path, head, baseDir,
        };
        verify.SetAction((result, ct) => Cli.GuardAsync(async () =>
        {
            var (policy, policyDirectory) = EnforcementHost.Load(result.GetValue(path)!, null);
            if (policy is null)
            {
                return ExitCodes.Usage;
            }

            var options = new RunOptions { BaseDirectory = result.GetValue(baseDir) is { } dir ? Path.GetFullPath(dir) : policyDirectory };
            var verification = await AuditTrail.VerifyAsync(policy, options, result.GetValue(head), ct);
            foreach (var problem in verification.Problems)
            {
                Console.WriteLine($"record {problem.Index} (sequence {problem.Sequence}): {problem.Kind}: {problem.Message}");
            }

            Console.WriteLine(verification.Problems.Count == 0
                ? $"audit trail intact: {verification.Records} records, head {verification.Head ?? "(empty)"}"
                : $"audit trail TAMPERED: {verification.Problems.Count} problem(s) in {verification.Records} records");
            return verification.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return new Command("audit", "Work with a policy's audit trail.") { verify };
    }
}
