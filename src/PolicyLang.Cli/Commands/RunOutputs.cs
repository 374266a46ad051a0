using System.CommandLine;
using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// The outputs of `policyc run` for what a scheduled job plugs into: a JUnit report, GitHub annotations, a Prometheus textfile
/// and a Pushgateway push (the writers live in PolicyLang.Runtime.Reporting). An output that cannot be delivered is one line on
/// stderr; it never hides the run's own exit code, and turns a passing run's 0 into <see cref="ExitCodes.OutputFailed"/>.
/// </summary>
internal sealed class RunOutputs
{
    public Option<string?> Junit { get; } = new("--junit")
    {
        HelpName = "file",
        Description = "Also write a JUnit XML report: one test case per rule, retention and access step (classname <policy>.<dataset>), failures with counts "
            + "and masked samples, errors for what could not run, skipped for what the store cannot apply. Warned rules pass unless --fail-on warn.",
    };

    public Option<bool> GitHub { get; } = new("--github")
    {
        Description = "Also print GitHub Actions annotations on stdout: ::error for each failing rule (::warning for a warn-severity one) at its .gov line, "
            + "and for each error of the run. Paths are relative to $GITHUB_WORKSPACE, else the current folder.",
    };

    public Option<string?> Metrics { get; } = new("--metrics")
    {
        HelpName = "file",
        Description = "Also write Prometheus metrics to this textfile (for node_exporter's textfile collector; written to a temporary name, then renamed): "
            + "per-rule violations, pass/fail and rows checked, retention rows by action, step errors, run duration, exit code, last run and last success times.",
    };

    public Option<Uri?> Push { get; } = new("--push")
    {
        HelpName = "url",
        Description = "Also push the same metrics to the Prometheus Pushgateway at this URL (group job=<policy>, plus datasets=<names> with --dataset). "
            + "The last-success time is pushed only when the run succeeded (exit code 0). A failed push is one line on stderr and exit code 3 if the run itself passed.",
        CustomParser = r =>
        {
            var text = r.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            r.AddError($"--push: '{text}' is not an http(s) URL (e.g. http://pushgateway:9091)");
            return null;
        },
    };

    public Option<FailOn> FailOn { get; } = new("--fail-on")
    {
        HelpName = "error|warn",
        // Unset means error (the enum's default); no DefaultValueFactory, whose help would print the member's name, "Error".
        Description = "Which failing rules make the run exit 1: error-severity ones (default: error), or warn-severity ones too. Applies to the summary, "
            + "the JSON report's exitCode, JUnit failures, GitHub annotation levels and the exit-code metric.",
    };

    public IEnumerable<Option> All => [Junit, GitHub, Metrics, Push, FailOn];

    /// <summary>Before any work: a report file that cannot be created fails now, not after an hour of retention.</summary>
    public void CheckWritable(ParseResult result)
    {
        foreach (var file in new[] { result.GetValue(Junit), result.GetValue(Metrics) }.OfType<string>())
        {
            OutputPaths.Folder(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }
    }

    /// <summary>Writes every asked-for output of <paramref name="report"/>; returns the exit code, <see cref="ExitCodes.OutputFailed"/> when the run passed but an output failed.</summary>
    public async Task<int> WriteAsync(ParseResult result, RunReport report, string sourceRoot, IReadOnlyCollection<string>? datasets, CancellationToken ct)
    {
        var failed = false;
        void Try(string what, Action write)
        {
            try
            {
                write();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"policyc: {what}: {e.Message}");
                failed = true;
            }
        }

        if (result.GetValue(GitHub))
        {
            GitHubAnnotations.Write(report, Console.Out, sourceRoot, Environment.GetEnvironmentVariable("GITHUB_WORKSPACE") ?? Environment.CurrentDirectory);
        }

        if (result.GetValue(Junit) is { } junit)
        {
            Try("cannot write the JUnit report", () => File.WriteAllText(junit, JunitWriter.Write(report)));
        }

        if (result.GetValue(Metrics) is { } metrics)
        {
            Try("cannot write the metrics textfile", () => MetricsTextfile.Write(metrics, report));
        }

        if (result.GetValue(Push) is { } gateway)
        {
            try
            {
                await PushgatewayClient.PushAsync(gateway, report, datasets, ct);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"policyc: {e.Message}");
                failed = true;
            }
        }

        return failed && report.ExitCode == ExitCodes.Success ? ExitCodes.OutputFailed : report.ExitCode;
    }

    /// <summary>When the run could not start: the outputs say so (best effort; the reason is already on stderr).</summary>
    public void WriteFailure(ParseResult result, RunReport failed)
    {
        var datasets = result.GetValue<string[]>("--dataset");
        WriteAsync(result, failed, Environment.CurrentDirectory, datasets is { Length: > 0 } ? datasets : null, CancellationToken.None).GetAwaiter().GetResult();
    }
}
