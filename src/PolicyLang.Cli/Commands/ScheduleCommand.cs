using System.CommandLine;
using PolicyLang.Core.Schedules;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc schedule`: write the jobs that run a policy on its `schedule` statements (Kubernetes, systemd, GitHub Actions).</summary>
internal static class ScheduleCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyPath();
        var k8s = new Option<bool>("--k8s") { Description = "Write a Kubernetes CronJob per schedule group (<name>.cronjob.yaml)." };
        var systemd = new Option<bool>("--systemd") { Description = "Write a systemd service and timer per schedule group (<name>.service, <name>.timer)." };
        var github = new Option<bool>("--github-actions") { Description = "Write a GitHub Actions workflow per schedule group (<name>.yml; copy to .github/workflows/)." };
        var output = new Option<string>("--output", "-o") { HelpName = "folder", Description = "Folder for the files (created if missing; files of the same name are replaced).", DefaultValueFactory = _ => "out/schedule" };
        var image = new Option<string>("--image") { HelpName = "image", Description = "The runner image of the CronJob (built from deploy/runner/Dockerfile).", DefaultValueFactory = _ => JobSettings.DefaultImage };
        var runCommand = new Option<string?>("--command")
        {
            HelpName = "words",
            Description = "The command each job runs instead of `policyc run <policy path>`, as space-separated words (no shell quoting); each group's `--dataset` options are appended.",
        };
        var policyPath = new Option<string?>("--policy-path")
        {
            HelpName = "path",
            Description = "Where the job finds the policy: default /policy in the image (--k8s), the policy's absolute path on this machine (--systemd), the path as given (--github-actions, relative to the repository root).",
        };
        var environmentFile = new Option<string?>("--environment-file") { HelpName = "file", Description = "The systemd EnvironmentFile holding the connection variables (default /etc/policylang/<identity>.env)." };
        var today = CommonOptions.Today();
        var command = new Command("schedule", "Write the jobs that run a policy on its `schedule` statements: Kubernetes CronJobs, systemd timers or GitHub Actions workflows, one per schedule group. Nothing is written when the policy has errors or a target cannot run a schedule as written.")
        {
            path, k8s, systemd, github, output, image, runCommand, policyPath, environmentFile, today,
        };
        command.SetAction(result => Cli.Guard(result, () =>
        {
            var targets = new (bool Selected, string Name)[] { (result.GetValue(k8s), "--k8s"), (result.GetValue(systemd), "--systemd"), (result.GetValue(github), "--github-actions") };
            if (!targets.Any(t => t.Selected))
            {
                throw new UsageException("choose what to write: --k8s, --systemd and/or --github-actions");
            }

            var given = result.GetValue(path)!;
            var compilation = CommonOptions.Compile(given, result.GetValue(today));
            DiagnosticOutput.Write(compilation.Diagnostics, "text", Console.Out, Console.Error);
            if (compilation.HasErrors)
            {
                return ExitCodes.Failed;
            }

            var policy = compilation.Bound;
            var (groups, unscheduled) = ScheduleGroup.Of(policy);
            if (groups.Count == 0)
            {
                Console.Error.WriteLine("policyc: the policy has no `schedule`: add `schedule \"30 2 * * *\"` to its policy block or to a dataset (docs/operations.md \"Schedules\")");
                return ExitCodes.Failed;
            }

            var words = result.GetValue(runCommand)?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var settings = new JobSettings("/policy")
            {
                Image = result.GetValue(image)!,
                Command = words is { Length: > 0 } ? words : null,
                EnvironmentFile = result.GetValue(environmentFile),
            };
            var explicitPath = result.GetValue(policyPath);
            var files = new List<JobFile>();
            try
            {
                if (result.GetValue(k8s))
                {
                    files.AddRange(KubernetesCronJob.Write(policy, groups, settings with { PolicyPath = explicitPath ?? "/policy" }));
                }

                if (result.GetValue(systemd))
                {
                    files.AddRange(SystemdUnits.Write(policy, groups, settings with { PolicyPath = explicitPath ?? Path.GetFullPath(given) }));
                }

                if (result.GetValue(github))
                {
                    var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(given)).Replace('\\', '/');
                    files.AddRange(GitHubWorkflow.Write(policy, groups, settings with { PolicyPath = explicitPath ?? relative }));
                }
            }
            catch (UntranslatableScheduleException e)
            {
                Console.Error.WriteLine($"policyc: {e.Message}");
                return ExitCodes.Failed;
            }

            var directory = OutputPaths.Folder(result.GetValue(output)!);
            foreach (var file in files)
            {
                OutputPaths.WriteFile(Path.Combine(directory, file.Name), file.Text);
                Console.WriteLine($"wrote {Path.Combine(directory, file.Name)}");
            }

            foreach (var group in groups)
            {
                Console.WriteLine($"job {group.Name}: {group.Describe()} on {group.Schedule}");
            }

            if (unscheduled.Count > 0)
            {
                Console.Error.WriteLine($"policyc: warning: no schedule runs {string.Join(", ", unscheduled.Select(d => $"`{d}`"))}: give the policy block or these datasets a `schedule`");
            }

            return ExitCodes.Success;
        }));
        return command.WithHelp(
            [(ExitCodes.Success, "written"), (ExitCodes.Failed, "the policy has errors or no schedule, or a target cannot run a schedule as written (nothing written)"), (ExitCodes.Usage, "usage or I/O problem")],
            "policyc schedule examples/astronomy-lab --k8s -o deploy/k8s --image registry.example/lab-runner:1.4",
            "policyc schedule lab/ --systemd -o /etc/systemd/system",
            "policyc schedule lab/ --github-actions -o .github/workflows");
    }
}
