using System.CommandLine;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc plan`: what a run would send to each store (SQL, pipelines, lifecycle, TTL), without connecting.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyOrAssemblyPath();
        var today = CommonOptions.Today();
        var command = new Command("plan", "Print, per store and dataset, the exact statements a run would send (SQL per dataset, aggregation pipelines, S3 lifecycle rules, TTL indexes). Connects to nothing.")
        {
            path, today,
        };
        command.SetAction(result => Cli.Guard(result, () =>
        {
            var (policy, _) = EnforcementHost.Load(result.GetValue(path)!, result.GetValue(today));
            var registry = new StoreRegistry();
            policy.RegisterStores(registry);
            var now = DateTimeOffset.UtcNow;
            Console.WriteLine($"policy {policy.Model.Name} (archives under <archive>/{policy.Model.Name}/<dataset>/)");
            Console.WriteLine();
            foreach (var store in policy.Model.Stores)
            {
                Console.WriteLine($"== store {store.Name} ({store.Kind})");
                foreach (var (keyword, setting) in store.Settings.Where(s => s.Key is "file" or "path"))
                {
                    // INVARIANT: a plan connects to nothing and reads no environment: a variable is shown by its name only.
                    Console.WriteLine(setting.EnvironmentVariable is { } variable
                        ? $"   {keyword}: from environment variable {variable}, read at run time"
                        : $"   {keyword}: {setting.Literal}");
                }

                if (registry.Planner(store.Kind) is { } planner)
                {
                    planner.WritePlan(policy.Model, store, now, Console.Out);
                }
                else
                {
                    Console.WriteLine($"   (no plan: the {store.Kind} store only receives archives or has nothing to describe)");
                }

                Console.WriteLine();
            }

            LifecyclePlan.Write(policy.Model, now, Console.Out);
            return ExitCodes.Success;
        }));
        return command.WithHelp(
            [(ExitCodes.Success, "printed"), (ExitCodes.Usage, "usage problem or the policy has errors")],
            "policyc plan examples/astronomy-lab",
            "policyc plan out/build/lab.Enforcement.dll");
    }
}
