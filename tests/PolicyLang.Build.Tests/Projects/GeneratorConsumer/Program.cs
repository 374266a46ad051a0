// Runs the `targets` dataset's checks through the generated executor; the policy's relative paths resolve against args[0].
using System;
using Contoso.Governance;
using PolicyLang.Runtime.Running;

var report = await ValidPolicy.Datasets.Targets.CheckAsync(new RunOptions { BaseDirectory = args[0] });
foreach (var rule in report.Rules)
{
    Console.WriteLine($"{rule.Dataset}.{rule.Rule}: {rule.Status}");
}

Console.WriteLine($"{ValidPolicy.Datasets.Targets.Rules.KindIn} exit {report.ExitCode}");
return report.ExitCode;
