using System.CommandLine;
using System.Globalization;
using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc history`: per rule and step, the last outcomes from the policy's run history, its failing streak, flips and violation trend.</summary>
internal static class HistoryCommand
{
    public const int DefaultLast = 10;

    public static Command Create()
    {
        var path = CommonOptions.PolicyOrAssemblyPath();
        var dataset = new Option<string?>("--dataset") { HelpName = "name", Description = "Only this dataset's rules and steps." };
        var rule = new Option<string?>("--rule") { HelpName = "name", Description = "Only this rule (or a step: \"[retention]\", \"[access]\")." };
        var since = new Option<string?>("--since")
        {
            HelpName = "when",
            Description = "Only runs at or after this time: yyyy-mm-dd, an ISO 8601 date and time, or a span back from now (36h, 7d, 4w).",
        };
        var last = new Option<int>("--last") { HelpName = "n", Description = "Outcomes shown per rule; flips and the trend are measured over them.", DefaultValueFactory = _ => DefaultLast };
        last.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--last must be at least 1.");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print JSON for scripts (docs/history.md \"JSON\") instead of the table." };
        var baseDir = CommonOptions.BaseDirectory();
        var command = new Command("history", "Show each rule's recent outcomes from the policy's run history (its `history` block): "
            + "since when it fails, for how many runs in a row, how often it flipped between passing and failing (flapping), and whether its violations rise or fall. "
            + "Connections come from the environment variables the policy names, as for `policyc run`.")
        {
            path, dataset, rule, since, last, json, baseDir,
        };
        command.SetAction((result, ct) => Cli.GuardAsync(result, async () =>
        {
            var sinceValue = result.GetValue(since) is { } text ? ParseSince(text, DateTimeOffset.UtcNow) : (DateTimeOffset?)null;
            var (policy, policyDirectory) = EnforcementHost.Load(result.GetValue(path)!, null);
            var model = policy.Model;
            var history = model.History ?? throw new UsageException(
                $"policy '{model.Name}' keeps no run history: add `history {{ store <name> }}` to it (postgres, duckdb, mongodb or folder store; docs/history.md)");
            var datasetName = result.GetValue(dataset);
            if (datasetName is not null && model.Datasets.All(d => d.Name != datasetName))
            {
                throw new UsageException($"no dataset named '{datasetName}' in policy '{model.Name}' (datasets: {string.Join(", ", model.Datasets.Select(d => d.Name))})");
            }

            var options = new RunOptions { BaseDirectory = result.GetValue(baseDir) is { } dir ? Path.GetFullPath(dir) : policyDirectory };
            var query = new HistoryQuery(model.Name, datasetName, result.GetValue(rule), sinceValue);
            var runs = await HistoryLog.ReadAsync(policy, options, query, ct);
            var rules = HistoryAnalysis.Rules(runs, result.GetValue(last));
            var view = new HistoryView(model.Name, history, model.Stores.First(s => s.Name == history.Store).Kind, query, result.GetValue(last), runs, rules);
            if (result.GetValue(json))
            {
                Console.Out.Write(view.ToJson());
            }
            else
            {
                view.WriteTable(Console.Out);
            }

            if (runs.Count == 0 && !result.GetValue(json))
            {
                Console.Error.WriteLine("policyc: no run recorded" + (sinceValue is null && datasetName is null && query.Rule is null ? " yet" : " matches the filters"));
            }

            return runs.Count == 0 || (query.Rule is not null && rules.Count == 0) ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command.WithHelp(
            [
                (ExitCodes.Success, "the history was read and printed"),
                (ExitCodes.Failed, "no recorded run (or no outcome of --rule) matches"),
                (ExitCodes.Usage, "usage problem, policy errors, no `history` block, a connection variable not set, or the store cannot be read"),
            ],
            "policyc history examples/quickstart",
            "policyc history lab/ --dataset observations --last 20",
            "policyc history lab.Enforcement.dll --rule band_in --since 7d --json | jq '.rules[0].consecutiveFailures'");
    }

    /// <summary><paramref name="text"/> as a point in time: a date (UTC midnight), an ISO 8601 date and time, or a span back from <paramref name="now"/>.</summary>
    public static DateTimeOffset ParseSince(string text, DateTimeOffset now)
    {
        if (text.Length >= 2 && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? span = text[^1] switch
            {
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => null,
            };
            if (span is { } back)
            {
                return now - back;
            }
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var instant) && text.Contains('T', StringComparison.Ordinal)
            ? instant
            : throw new UsageException($"--since '{text}' is not a date (yyyy-mm-dd), an ISO 8601 date and time (2026-12-01T06:00:00Z), or a span back from now (36h, 7d, 4w)");
    }
}
