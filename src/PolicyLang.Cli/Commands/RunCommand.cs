using System.CommandLine;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc run`: execute checks and retention (and, with --apply, access); report; exit code for schedulers.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path")
        {
            Description = "A policy (.gov file or folder; built and cached automatically) or a built <policy>.Enforcement.dll.",
            DefaultValueFactory = _ => ".",
        };
        var json = new Option<string?>("--json") { Description = "Also write the run report as JSON to this file." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what checks find, what retention would archive and delete and (with --apply) the access statements that would run; change nothing." };
        var apply = new Option<bool>("--apply")
        {
            Description = "Before the checks, bring each dataset's access in line with its grants and masks (postgres: GRANT/REVOKE and the <table>_masked view, "
                + "one transaction per dataset, audited). Datasets in stores that cannot are reported as not applied. With --dry-run, print the statements and change nothing.",
        };
        var dataset = new Option<string[]>("--dataset") { Description = "Run only these datasets (repeatable).", AllowMultipleArgumentsPerToken = true };
        var baseDir = new Option<string?>("--base-dir") { Description = "Folder that relative store paths resolve against (default: the policy's folder; for a .dll, the working directory)." };
        var batch = new Option<int>("--batch-size")
        {
            Description = "Rows per retention batch (one archive object, verified, then deleted in one transaction).",
            DefaultValueFactory = _ => RunOptions.DefaultBatchSize,
        };
        batch.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--batch-size must be at least 1.");
        });
        var today = CommonOptions.Today();
        var command = new Command("run", "Run a policy's checks and retention (with --apply, first bring grants and masked views in line). Exit 0: all passed (warnings allowed); 1: an error-severity rule failed; 2: the run itself failed (connection, permissions, usage).")
        {
            path, json, dryRun, apply, dataset, baseDir, batch, today,
        };
        command.SetAction((result, ct) => Cli.GuardAsync(async () =>
        {
            var (policy, policyDirectory) = EnforcementHost.Load(result.GetValue(path)!, result.GetValue(today));
            if (policy is null)
            {
                return ExitCodes.Usage;
            }

            var datasets = result.GetValue(dataset);
            var options = new RunOptions
            {
                BaseDirectory = result.GetValue(baseDir) is { } dir ? Path.GetFullPath(dir) : policyDirectory,
                DryRun = result.GetValue(dryRun),
                ApplyAccess = result.GetValue(apply),
                Datasets = datasets is { Length: > 0 } ? datasets : null,
                BatchSize = result.GetValue(batch),
                Progress = Console.IsErrorRedirected ? null : new TerminalProgress(),
            };
            var report = await PolicyRunner.RunAsync(policy, options, ct);
            report.WriteSummary(Console.Out);
            if (result.GetValue(json) is { } jsonPath)
            {
                File.WriteAllText(jsonPath, report.ToJson());
                Console.Error.WriteLine($"policyc: report written to {jsonPath}");
            }

            return report.ExitCode;
        }));
        return command;
    }
}

/// <summary>One self-overwriting status line on stderr for long retention runs at a terminal.</summary>
internal sealed class TerminalProgress : IProgress<RunProgress>
{
    private DateTime last = DateTime.MinValue;

    public void Report(RunProgress value)
    {
        if ((DateTime.UtcNow - last).TotalMilliseconds < 200)
        {
            return;
        }

        last = DateTime.UtcNow;
        var total = value.Total is { } t ? $"/{t:N0}" : string.Empty;
        Console.Error.Write($"\r{value.Phase} {value.Dataset}: {value.Done:N0}{total} rows (batch {value.Batch})".PadRight(79));
        Console.Error.Write('\r');
    }
}
