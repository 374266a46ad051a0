using System.CommandLine;
using System.Globalization;
using System.Reflection;
using PolicyLang.Cli.Starter;
using PolicyLang.Core.Binding;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc init`: a starter policy folder that checks clean and, on the embedded store, runs at once.</summary>
internal static class InitCommand
{
    private const string DataFile = "data.duckdb";

    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "The folder to create the policy in (created if missing); its name names the policy.", DefaultValueFactory = _ => "." };
        var store = new Option<string>("--store")
        {
            HelpName = "kind",
            Description = "The data store of the starter dataset: duckdb (embedded, seeded with sample rows, runs at once), postgres, mongodb or s3.",
            DefaultValueFactory = _ => "duckdb",
        };
        store.AcceptOnlyFromAmong(StarterPolicy.StoreKinds);
        var force = new Option<bool>("--force") { Description = "Overwrite starter files that already exist (an existing data.duckdb is kept)." };
        var command = new Command("init", "Create a starter policy: a commented .gov file with a test block, a .gitignore, a CI workflow and a README.")
        {
            folder, store, force,
        };
        command.SetAction(result => Cli.Guard(result, () => Write(result.GetValue(folder)!, result.GetValue(store)!, result.GetValue(force))));
        return command.WithHelp(
            [(ExitCodes.Success, "written"), (ExitCodes.Usage, "a starter file already exists (nothing written; --force overwrites), or the folder cannot be written")],
            "policyc init genomics && policyc run genomics      # embedded DuckDB with sample rows: runs at once",
            "policyc init lab --store postgres                  # then set WAREHOUSE_PG_URL",
            "policyc init . --store s3 --force                  # overwrite the starter files here");
    }

    private static int Write(string folder, string store, bool force)
    {
        var full = Path.GetFullPath(folder);
        var folderName = Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar));
        var name = PolicyIdentity.Slug(folderName);
        var title = $"{Title(name)} Data Policy";
        var files = StarterFiles.All(store, name, title, Version());
        var existing = files.Select(f => f.Path).Where(p => File.Exists(Path.Combine(full, p))).ToList();
        if (existing.Count > 0 && !force)
        {
            throw new UsageException($"{string.Join(", ", existing.Select(p => $"'{Shown(folder, p)}'"))} already exist{(existing.Count == 1 ? "s" : "")}: nothing was written (--force overwrites)");
        }

        foreach (var (path, content) in files)
        {
            OutputPaths.WriteFile(Path.Combine(full, path), content);
            Console.WriteLine($"wrote {Shown(folder, path)}");
        }

        if (store == "duckdb")
        {
            var data = Path.Combine(full, DataFile);
            if (File.Exists(data))
            {
                Console.WriteLine($"kept {Shown(folder, DataFile)} (it already exists)");
            }
            else
            {
                StarterDatabase.Create(data, DateTimeOffset.UtcNow);
                Console.WriteLine($"wrote {Shown(folder, DataFile)} (table main.samples, 7 sample rows)");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"next: policyc check {folder} && policyc test {folder}{(store == "duckdb" ? $" && policyc run {folder}" : string.Empty)}");
        return ExitCodes.Success;
    }

    private static string Shown(string folder, string path) => folder == "." ? path : Path.Combine(folder, path);

    // genomics-lab → "Genomics Lab"
    private static string Title(string slug) =>
        string.Join(' ', slug.Split('-', '_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));

    // The version CI should install: this policyc's own, without the commit suffix.
    private static string Version()
    {
        var version = typeof(InitCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0";
        return version.Split('+')[0];
    }
}
