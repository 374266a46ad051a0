using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Cli.Commands;

/// <summary>Arguments and options several verbs share.</summary>
internal static class CommonOptions
{
    public static Argument<string> PolicyPath() => PathArgument("A .gov file, or a folder whose .gov files (recursively, bin/ and obj/ excluded) form one policy.");

    /// <summary>For verbs that run a policy: its source, or an assembly `policyc build` wrote.</summary>
    public static Argument<string> PolicyOrAssemblyPath() =>
        PathArgument("A policy (.gov file or folder; built and cached automatically) or a built <policy>.Enforcement.dll.");

    public static Option<string?> BaseDirectory() => new("--base-dir")
    {
        HelpName = "folder",
        Description = "Folder that relative store paths (duckdb file, folder path) resolve against (default: the policy's folder; for a .dll, the working directory).",
    };

    public static Option<string?> Today() => new("--today")
    {
        HelpName = "yyyy-mm-dd",
        Description = "The date waivers are checked against (yyyy-mm-dd); defaults to today's UTC date.",
    };

    public static DateOnly ParseToday(string? text)
    {
        if (text is null)
        {
            return DateOnly.FromDateTime(DateTime.UtcNow);
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"--today '{text}' is not a date in yyyy-mm-dd form");
    }

    private static Argument<string> PathArgument(string description)
    {
        var path = new Argument<string>("path") { Description = description, DefaultValueFactory = _ => "." };
        path.Validators.Add(RejectOptionLike);
        return path;
    }

    // An optional path swallows an unknown option (`policyc check --formt sarif`); say what it is instead of "'--formt' does not exist".
    private static void RejectOptionLike(ArgumentResult result)
    {
        if (result.Tokens.FirstOrDefault()?.Value is { } value && value.StartsWith('-') && !File.Exists(value) && !Directory.Exists(value))
        {
            var options = ((CommandResult)result.Parent!).Command.Options.SelectMany(o => o.Aliases.Prepend(o.Name));
            result.AddError($"unknown option '{value}'{Suggestions.Hint(value, options)}");
        }
    }

    public static PolicyCompilation Compile(string path, string? today) =>
        PolicyCompilation.Create(PolicySources.Load(path), ParseToday(today));
}
