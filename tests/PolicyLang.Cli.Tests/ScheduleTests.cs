using System.Diagnostics;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// `policyc schedule` checked by the real consumers: the Kubernetes schema (npm kubernetes-models), `systemd-analyze verify` and
/// `systemd-analyze calendar`, and a YAML parser (YamlDotNet) for GitHub Actions workflows. scripts/services/ops-consumers.sh installs them.
/// </summary>
public sealed class ScheduleTests
{
    private const string Policy = """
        policy "Sky Survey" {
          version "1" owner "ops" review every 90 days name "sky-survey"
          schedule "30 2 * * *" in "Europe/Berlin"
        }
        classification public < internal
        store warehouse postgres { connection env("SKY_PG_URL") tls required }
        store cold s3 { bucket "sky-archive" endpoint env("SKY_S3_ENDPOINT") }
        dataset targets in warehouse table "public.targets" { owner "astro" classification public }
        dataset frames in warehouse table "public.frames" { owner "astro" classification internal }
        dataset alerts in warehouse table "public.alerts" {
          owner "astro" classification internal
          schedule "*/15 6-22 * * mon-fri"
        }
        dataset objects in cold prefix "raw/" { owner "astro" classification internal schedule "0 4 1 * *" }
        """;

    [Fact]
    public void CronJobs_validate_against_the_Kubernetes_schema_one_per_schedule_group()
    {
        using var scratch = new Scratch();
        scratch.File("sky/sky.gov", Policy);
        var result = Policyc.Run(scratch.Path, scratch.Cache, "schedule", "sky", "--k8s", "-o", "k8s", "--image", "registry.example/sky-runner:2.1");
        Assert.True(result.ExitCode == 0, result.ToString());
        var files = Directory.GetFiles(Path.Combine(scratch.Path, "k8s")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["sky-survey-alerts.cronjob.yaml", "sky-survey-objects.cronjob.yaml", "sky-survey.cronjob.yaml"], files);

        var validation = Node("validate-cronjob.mjs", [.. Directory.GetFiles(Path.Combine(scratch.Path, "k8s"))]);
        Assert.True(validation.ExitCode == 0, validation.ToString());
        Assert.Equal(3, validation.Stdout.Split('\n').Count(l => l.StartsWith("valid ", StringComparison.Ordinal)));

        var main = Yaml(Path.Combine(scratch.Path, "k8s", "sky-survey.cronjob.yaml"));
        var spec = Map(main, "spec");
        Assert.Equal("30 2 * * *", Scalar(spec, "schedule"));
        Assert.Equal("Europe/Berlin", Scalar(spec, "timeZone"));
        Assert.Equal("Forbid", Scalar(spec, "concurrencyPolicy"));
        Assert.Equal("600", Scalar(spec, "startingDeadlineSeconds"));
        Assert.NotNull(Scalar(spec, "successfulJobsHistoryLimit"));
        Assert.NotNull(Scalar(spec, "failedJobsHistoryLimit"));
        var job = Map(Map(spec, "jobTemplate"), "spec");
        Assert.Equal("0", Scalar(job, "backoffLimit"));
        var container = (YamlMappingNode)((YamlSequenceNode)Map(Map(job, "template"), "spec").Children["containers"]).Children[0];
        Assert.Equal("registry.example/sky-runner:2.1", Scalar(container, "image"));
        Assert.Equal(["policyc", "run", "/policy", "--dataset", "targets", "--dataset", "frames"], Strings(container.Children["command"]));
        var env = ((YamlSequenceNode)container.Children["env"]).Children.Cast<YamlMappingNode>().ToList();
        Assert.Equal(["SKY_PG_URL", "SKY_S3_ENDPOINT"], env.Where(e => !Map(Map(e, "valueFrom"), "secretKeyRef").Children.ContainsKey("optional")).Select(e => Scalar(e, "name")));
        Assert.All(env, e => Assert.Equal("sky-survey-connections", Scalar(Map(Map(e, "valueFrom"), "secretKeyRef"), "name")));
        Assert.DoesNotContain("value", env.SelectMany(e => e.Children.Keys).Select(k => k.ToString()));

        var alerts = Map(Yaml(Path.Combine(scratch.Path, "k8s", "sky-survey-alerts.cronjob.yaml")), "spec");
        Assert.Equal("*/15 6-22 * * 1-5", Scalar(alerts, "schedule"));
        Assert.False(alerts.Children.ContainsKey("timeZone"));
    }

    [Fact]
    public void The_validator_rejects_a_wrong_concurrency_policy()
    {
        using var scratch = new Scratch();
        scratch.File("sky/sky.gov", Policy);
        Assert.Equal(0, Policyc.Run(scratch.Path, scratch.Cache, "schedule", "sky", "--k8s", "-o", "k8s").ExitCode);
        var file = Path.Combine(scratch.Path, "k8s", "sky-survey.cronjob.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("Forbid", "Never", StringComparison.Ordinal));
        var validation = Node("validate-cronjob.mjs", file);
        Assert.True(validation.ExitCode == 1, validation.ToString());
        Assert.Contains("concurrencyPolicy", validation.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Systemd_units_verify_without_complaint_and_their_calendars_parse()
    {
        using var scratch = new Scratch();
        scratch.File("sky/sky.gov", Policy);
        var environment = scratch.File("sky.env", "SKY_PG_URL=postgresql://runner@db/sky\n");
        var dotnet = Process.GetCurrentProcess().MainModule!.FileName;
        var result = Policyc.Run(
            scratch.Path, scratch.Cache, "schedule", "sky", "--systemd", "-o", "units", "--environment-file", environment, "--command", $"{dotnet} /opt/policyc/policyc.dll run /srv/sky");
        Assert.True(result.ExitCode == 0, result.ToString());
        var units = Path.Combine(scratch.Path, "units");
        Assert.Equal(6, Directory.GetFiles(units).Length);

        var calendars = new Dictionary<string, string>();
        foreach (var timer in Directory.GetFiles(units, "*.timer"))
        {
            var service = Path.ChangeExtension(timer, ".service");
            var verify = Tool("systemd-analyze", "verify", timer, service);
            Assert.True(verify.ExitCode == 0 && verify.Stderr.Length == 0, $"{Path.GetFileName(timer)}: {verify}");
            var lines = File.ReadAllLines(timer);
            Assert.Contains("Persistent=true", lines);
            Assert.Contains(lines, l => l.StartsWith("RandomizedDelaySec=", StringComparison.Ordinal));
            var calendar = lines.Single(l => l.StartsWith("OnCalendar=", StringComparison.Ordinal))["OnCalendar=".Length..];
            var parsed = Tool("systemd-analyze", "calendar", calendar);
            Assert.True(parsed.ExitCode == 0, parsed.ToString());
            calendars[Path.GetFileNameWithoutExtension(timer)] = calendar;

            var serviceLines = File.ReadAllLines(service);
            Assert.Contains("Type=oneshot", serviceLines);
            Assert.Contains($"EnvironmentFile={environment}", serviceLines);
        }

        Assert.Equal("*-*-* 02:30:00 Europe/Berlin", calendars["sky-survey"]);
        Assert.Equal("Mon..Fri *-*-* 06..22:00/15:00", calendars["sky-survey-alerts"]);
        Assert.Equal("*-*-01 04:00:00", calendars["sky-survey-objects"]);
        Assert.Contains(
            $"ExecStart={dotnet} /opt/policyc/policyc.dll run /srv/sky --dataset alerts",
            File.ReadAllLines(Path.Combine(units, "sky-survey-alerts.service")));
    }

    [Fact]
    public void GitHub_workflows_parse_as_yaml_with_a_schedule_off_minute_0_manual_dispatch_and_secrets_by_name()
    {
        using var scratch = new Scratch();
        // GitHub Actions schedules are UTC: a zone whose offset changes is refused, a fixed one converted.
        scratch.File("sky/sky.gov", Policy.Replace("Europe/Berlin", "Asia/Tokyo", StringComparison.Ordinal));
        var result = Policyc.Run(scratch.Path, scratch.Cache, "schedule", "sky", "--github-actions", "-o", "workflows");
        Assert.True(result.ExitCode == 0, result.ToString());
        var crons = new Dictionary<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(scratch.Path, "workflows"), "*.yml"))
        {
            var root = Yaml(file);
            Assert.NotNull(Scalar(root, "name"));
            var on = Map(root, "on");
            Assert.True(on.Children.ContainsKey("workflow_dispatch"));
            var cron = Scalar((YamlMappingNode)((YamlSequenceNode)on.Children["schedule"]).Children[0], "cron")!;
            Assert.NotEqual("0", cron.Split(' ')[0]);
            Assert.DoesNotContain(cron.Split(' ')[0].Split(',', '-', '/'), m => m == "0");
            crons[Path.GetFileNameWithoutExtension(file)] = cron;
            Assert.Equal("read", Scalar(Map(root, "permissions"), "contents"));
            var steps = ((YamlSequenceNode)Map(Map(root, "jobs"), "run").Children["steps"]).Children.Cast<YamlMappingNode>().ToList();
            var run = steps.Single(s => s.Children.ContainsKey("env"));
            Assert.Equal("${{ secrets.SKY_PG_URL }}", Scalar(Map(run, "env"), "SKY_PG_URL"));
            Assert.StartsWith("policyc run sky", Scalar(run, "run"), StringComparison.Ordinal);
        }

        Assert.Equal("30 17 * * *", crons["sky-survey"]); // 02:30 in Tokyo (UTC+9, no daylight saving time)
        Assert.Matches(@"^([1-9]|1[0-4])-59/15 6-22 \* \* 1-5$", crons["sky-survey-alerts"]);
        Assert.Matches(@"^([1-9]|1[0-5]) 4 1 \* \*$", crons["sky-survey-objects"]);

        scratch.File("sky/sky.gov", Policy);
        var refused = Policyc.Run(scratch.Path, scratch.Cache, "schedule", "sky", "--github-actions", "-o", "berlin");
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("Europe/Berlin changes its UTC offset", refused.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch.Path, "berlin")));
    }

    [Fact]
    public void A_schedule_systemd_cannot_express_is_refused_and_nothing_is_written()
    {
        using var scratch = new Scratch();
        scratch.File("sky/sky.gov", Policy.Replace("*/15 6-22 * * mon-fri", "0 3 1 * mon", StringComparison.Ordinal));
        var check = Policyc.Run(scratch.Path, scratch.Cache, "check", "sky");
        Assert.Contains("warning GOV0133", check.Stdout + check.Stderr, StringComparison.Ordinal);

        var result = Policyc.Run(scratch.Path, scratch.Cache, "schedule", "sky", "--k8s", "--systemd", "-o", "out");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("restricts both day-of-month and day-of-week", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch.Path, "out")));
    }

    [Fact]
    public void Invalid_cron_and_unknown_zones_are_errors_at_check_and_a_policy_without_schedule_is_refused()
    {
        using var scratch = new Scratch();
        scratch.File("bad/p.gov", Policy.Replace("\"30 2 * * *\" in \"Europe/Berlin\"", "\"30 2 * *\" in \"Europe/Berln\"", StringComparison.Ordinal));
        var check = Policyc.Run(scratch.Path, scratch.Cache, "check", "bad");
        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("error GOV0131", check.Stdout + check.Stderr, StringComparison.Ordinal);
        Assert.Contains("error GOV0132", check.Stdout + check.Stderr, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", check.Stdout + check.Stderr, StringComparison.Ordinal);

        scratch.File("none/p.gov", "policy \"P\" { version \"1\" owner \"o\" review every 1 year }\nclassification public\n");
        var none = Policyc.Run(scratch.Path, scratch.Cache, "schedule", "none", "--k8s");
        Assert.True(none.ExitCode == 1, none.ToString());
        Assert.Contains("has no `schedule`", none.Stderr, StringComparison.Ordinal);
    }

    private static YamlMappingNode Yaml(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static IReadOnlyList<string?> Strings(YamlNode node) => [.. ((YamlSequenceNode)node).Children.Cast<YamlScalarNode>().Select(s => s.Value)];

    /// <summary>Runs a script of tests/PolicyLang.Cli.Tests/Node with the packages installed under .build/ops-node.</summary>
    private static Result Node(string script, params string[] args)
    {
        var modules = Path.Combine(Policyc.Root, ".build", "ops-node");
        Assert.True(Directory.Exists(Path.Combine(modules, "node_modules", "kubernetes-models")), "npm kubernetes-models is missing: run scripts/test.sh (scripts/services/ops-consumers.sh installs it)");
        var copy = Path.Combine(modules, script);
        File.Copy(Path.Combine(Policyc.Root, "tests", "PolicyLang.Cli.Tests", "Node", script), copy, overwrite: true);
        return Tool("node", [copy, .. args]);
    }

    private static Result Tool(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
