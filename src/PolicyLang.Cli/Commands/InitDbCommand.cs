using System.CommandLine;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// `policyc init-db`: create, as an administrator, the governance schema of a postgres store — the audit log (append-only
/// for the runner's role) and the results history — so runs need no CREATE privilege and cannot edit the audit log.
/// </summary>
internal static class InitDbCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyOrAssemblyPath();
        var store = new Option<string?>("--store") { HelpName = "name", Description = "The postgres store to set up (may be omitted when the policy has exactly one)." };
        var role = new Option<string>("--runner-role")
        {
            HelpName = "role",
            Description = "The existing role scheduled runs connect as: it may read and append to the audit log and results history, never UPDATE, DELETE or TRUNCATE them.",
            Required = true,
        };
        var adminEnv = new Option<string?>("--admin-env")
        {
            HelpName = "VAR",
            Description = "Environment variable holding the administrator's connection (connection string or postgresql:// URL); "
                + "default: the store's own connection variable. Its value is never printed.",
        };
        var print = new Option<bool>("--print") { Description = "Print the SQL statements instead of running them (connects to nothing)." };
        var command = new Command("init-db",
            "Set up a postgres store's governance schema as an administrator: the audit log (the policy's audit table when its audit block is in this store, "
            + "else governance.audit_log) and governance.check_results, created if missing, append-only for the runner's role; all in one transaction.")
        {
            path, store, role, adminEnv, print,
        };
        command.SetAction((result, ct) => Cli.GuardAsync(result, async () =>
        {
            var (policy, policyDirectory) = EnforcementHost.Load(result.GetValue(path)!, null);
            var registry = new StoreRegistry();
            policy.RegisterStores(registry);
            var model = policy.Model;
            var target = Choose(model, registry, result.GetValue(store));
            var initializer = registry.Initializer(target.Kind)!;
            var runnerRole = result.GetValue(role)!;
            var auditTable = model.Audit is { } audit && audit.Store == target.Name ? audit.Table : null;
            if (result.GetValue(print))
            {
                Console.WriteLine($"-- policyc init-db: store '{target.Name}' ({target.Kind}), runner role '{runnerRole}'; run as the administrator, in one transaction");
                foreach (var sql in initializer.InitStatements(target, runnerRole, auditTable))
                {
                    Console.WriteLine(sql.TrimEnd() + ";");
                }

                return ExitCodes.Success;
            }

            var variable = result.GetValue(adminEnv) ?? ConnectionVariable(target);
            var connection = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(connection))
            {
                throw new UsageException($"environment variable '{variable}' (the administrator's connection for store '{target.Name}') is not set");
            }

            var context = new StoreContext(model, new RunOptions { BaseDirectory = policyDirectory });
            var statements = await initializer.InitAsync(target, context, connection, runnerRole, auditTable, ct);
            Console.WriteLine($"policyc: store '{target.Name}': governance schema ready ({Plural.Of(statements.Count, "statement")} in one transaction); "
                + $"role '{runnerRole}' may SELECT and INSERT the audit log and results history, never UPDATE, DELETE or TRUNCATE them");
            return ExitCodes.Success;
        }));
        return command.WithHelp(
            [(ExitCodes.Success, "done (or printed with --print)"), (ExitCodes.Usage, "usage problem, policy errors, connection variable not set, server unreachable or setup failed (nothing changed)")],
            "policyc init-db examples/astronomy-lab --runner-role policy_runner --print",
            "LAB_ADMIN_URL=postgresql://admin@db/lab policyc init-db examples/astronomy-lab --store research --runner-role policy_runner --admin-env LAB_ADMIN_URL");
    }

    /// <summary>The named store, or the policy's only store whose kind init-db can set up.</summary>
    private static StoreModel Choose(PolicyModel model, StoreRegistry registry, string? name)
    {
        if (name is not null)
        {
            var named = model.Stores.FirstOrDefault(s => s.Name == name)
                ?? throw new UsageException($"the policy declares no store named '{name}' (stores: {string.Join(", ", model.Stores.Select(s => s.Name))})");
            return registry.Initializer(named.Kind) is not null
                ? named
                : throw new UsageException($"store '{name}' is a {named.Kind} store: init-db sets up postgres stores only");
        }

        var candidates = model.Stores.Where(s => registry.Initializer(s.Kind) is not null).ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new UsageException("the policy declares no postgres store: init-db sets up postgres stores only"),
            _ => throw new UsageException($"the policy declares several postgres stores ({string.Join(", ", candidates.Select(s => s.Name))}): choose one with --store"),
        };
    }

    private static string ConnectionVariable(StoreModel store) =>
        store.Settings.TryGetValue("connection", out var setting) && setting.EnvironmentVariable is { } variable
            ? variable
            : throw new UsageException($"store '{store.Name}' reads its connection from no environment variable: name the administrator's with --admin-env");
}
