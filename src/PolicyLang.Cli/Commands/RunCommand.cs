using System.CommandLine;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc run`: execute checks and retention (and, with --apply, access); report; exit code for schedulers.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyOrAssemblyPath();
        var json = new Option<string?>("--json")
        {
            HelpName = "file",
            Description = "Also write the run report as JSON to this file (its folder is created). It is written before the run starts, saying the run did not finish, "
                + "and replaced at the end; when the run cannot start, it holds the reason in `errors`.",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what checks find, what retention would archive and delete and (with --apply) the access statements that would run; change nothing." };
        var apply = new Option<bool>("--apply")
        {
            Description = "Before the checks, bring each dataset's access in line with its grants and masks (postgres: GRANT/REVOKE and the <table>_masked view, "
                + "one transaction per dataset, audited), and the TTL index of a mongodb dataset's `retain ... then delete` (createIndexes or collMod, audited). "
                + "Datasets in stores that cannot are reported as not applied. With --dry-run, print the statements and change nothing.",
        };
        var dataset = new Option<string[]>("--dataset") { HelpName = "name", Description = "Run only these datasets (repeatable).", AllowMultipleArgumentsPerToken = true };
        var baseDir = CommonOptions.BaseDirectory();
        var batch = new Option<int>("--batch-size")
        {
            HelpName = "rows",
            Description = "Rows per retention batch (one archive object, verified, then deleted in one transaction).",
            DefaultValueFactory = _ => RunOptions.DefaultBatchSize,
        };
        batch.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--batch-size must be at least 1.");
            }
        });
        var today = CommonOptions.Today();
        var outputs = new RunOutputs();
        var command = new Command("run", "Run a policy's checks and retention (with --apply, first bring grants, masked views and MongoDB TTL indexes in line). "
            + "The summary goes to stdout, progress and the reason of a failed run to stderr. Store connections are read from the environment variables the policy names.")
        {
            path, json, dryRun, apply, dataset, baseDir, batch, today,
        };
        foreach (var option in outputs.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((result, ct) => Cli.GuardAsync(result, async () =>
        {
            var jsonPath = result.GetValue(json);
            if (jsonPath is not null)
            {
                // Before any work: an unwritable path fails now, and a crash leaves "did not finish", never a stale report.
                WriteReport(jsonPath, FailedReport(result.GetValue(path)!, $"the run started at {Values.Instant(DateTimeOffset.UtcNow)} did not finish"));
            }

            outputs.CheckWritable(result);

            var (policy, policyDirectory) = EnforcementHost.Load(result.GetValue(path)!, result.GetValue(today));
            var datasets = result.GetValue(dataset);
            CheckDatasetNames(datasets, policy.Model);
            using var progress = RunProgressWriter.ForStandardError("policyc: ");
            var options = new RunOptions
            {
                BaseDirectory = result.GetValue(baseDir) is { } dir ? Path.GetFullPath(dir) : policyDirectory,
                DryRun = result.GetValue(dryRun),
                ApplyAccess = result.GetValue(apply),
                Datasets = datasets is { Length: > 0 } ? datasets : null,
                BatchSize = result.GetValue(batch),
                FailOn = result.GetValue(outputs.FailOn),
                Progress = progress,
            };
            RunReport report;
            try
            {
                report = await PolicyRunner.RunAsync(policy, options, ct);
            }
            catch (RunInterruptedException interrupted)
            {
                // What was committed before Ctrl-C is reported, never lost behind "did not finish".
                report = interrupted.Report;
            }

            progress.Dispose();
            report.WriteSummary(Console.Out);
            if (jsonPath is not null)
            {
                WriteReport(jsonPath, report);
                Console.Error.WriteLine($"policyc: report written to {jsonPath}");
            }

            if (report.Interrupted)
            {
                Console.Error.WriteLine($"policyc: interrupted; {Committed(report)} stay committed, a rerun completes the rest");
            }
            else if (FirstFailure(report) is { } failure)
            {
                Console.Error.WriteLine($"policyc: the run failed: {failure}");
            }

            // Rule locations are relative to the policy's folder; a built .dll does not know it, so --base-dir (else the working directory) stands in.
            var sourceRoot = result.GetValue(path)!.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? options.BaseDirectory : policyDirectory;
            return await outputs.WriteAsync(result, report, sourceRoot, options.Datasets, CancellationToken.None);
        }));
        command.OnFailure((result, message) =>
        {
            if (result.GetValue(json) is { } jsonPath)
            {
                WriteReport(jsonPath, FailedReport(result.GetValue(path) ?? ".", message));
            }

            var failed = FailedReport(result.GetValue(path) ?? ".", message);
            failed.FailOn = result.GetValue(outputs.FailOn);
            outputs.WriteFailure(result, failed);
        });
        return command.WithHelp(
            [
                (ExitCodes.Success, "every rule passed (warnings allowed)"),
                (ExitCodes.Failed, "an error-severity rule failed (with --fail-on warn, also a warn-severity one)"),
                (ExitCodes.Usage, "the run itself failed: usage, policy errors, a missing connection variable, an unreachable store, permissions"),
                (ExitCodes.OutputFailed, "the run passed but an output (--push, --junit, --metrics) could not be delivered; a failing run keeps its own code"),
                (ExitCodes.Interrupted, "interrupted; batches already committed stay committed, a rerun completes the work"),
            ],
            "policyc run examples/quickstart --json out/report.json",
            "policyc run examples/astronomy-lab --dry-run --dataset gaia_sources",
            "policyc run lab/ --junit out/junit.xml --github --fail-on warn",
            "policyc run lab.Enforcement.dll --metrics /var/lib/node_exporter/textfile/lab.prom --push http://pushgateway:9091",
            "LAB_PG_URL=postgresql://runner@db/lab policyc run lab/ --apply");
    }

    private static void WriteReport(string path, RunReport report) => OutputPaths.WriteFile(path, report.ToJson());

    private static RunReport FailedReport(string path, string error)
    {
        var now = DateTimeOffset.UtcNow;
        return new RunReport { Policy = PolicyName.ForReport(path), StartedAt = now, AsOf = now, FinishedAt = now, Errors = [error] };
    }

    /// <summary>A `--dataset` the policy does not declare is a usage error before anything runs, with the nearest name.</summary>
    private static void CheckDatasetNames(string[]? names, PolicyModel model)
    {
        var declared = model.Datasets.Select(d => d.Name).ToList();
        foreach (var name in names ?? [])
        {
            if (!declared.Contains(name, StringComparer.Ordinal))
            {
                throw new UsageException($"--dataset: the policy has no dataset named '{name}'{Suggestions.Hint(name, declared)} (datasets: {string.Join(", ", declared)})");
            }
        }
    }

    private static string Committed(RunReport report)
    {
        var retention = report.Retention;
        return $"{Plural.Of(report.Rules.Count, "rule")} checked, {Plural.Of(retention.Sum(r => r.Batches), "retention batch", "retention batches")} "
            + $"({Plural.Of(retention.Sum(r => r.Deleted + r.Anonymized), "row")} deleted or anonymized)";
    }

    /// <summary>Why a run exited with 2, in one line: the first error of the run, dataset or rule that failed, and how many more there are.</summary>
    private static string? FirstFailure(RunReport report)
    {
        var errors = report.Errors
            .Concat(report.Datasets.SelectMany(d => d.Errors.Select(e => $"dataset '{d.Dataset}': {e}")))
            .Concat(report.Rules.Where(r => r.Status == RuleStatus.Error).Select(r => $"rule '{r.Dataset}.{r.Rule}': {r.Error}"))
            // A failed retention is also listed among its dataset's errors ("retention: …"); count it once.
            .Concat(report.Retention.Where(r => r.Error is not null && !report.Datasets.Any(d => d.Dataset == r.Dataset && d.Errors.Contains($"retention: {r.Error}")))
                .Select(r => $"retention of '{r.Dataset}': {r.Error}"))
            .Select(FirstLine)
            .ToList();
        return errors.Count switch
        {
            0 => null,
            1 => errors[0],
            _ => $"{errors[0]} (and {errors.Count - 1} more, listed above)",
        };
    }

    // Some store errors span lines (the AWS SDK lists every credential provider it tried); the summary above has them in full.
    private static string FirstLine(string error) => error.Split('\n', 2)[0].TrimEnd('\r', ' ', ':');
}
