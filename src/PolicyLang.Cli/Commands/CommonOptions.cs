using System.CommandLine;
using System.Globalization;
using PolicyLang.Core.Compilation;

namespace PolicyLang.Cli.Commands;

/// <summary>Arguments and options several verbs share.</summary>
internal static class CommonOptions
{
    public static Argument<string> PolicyPath() => new("path")
    {
        Description = "A .gov file, or a folder whose .gov files (recursively) form one policy.",
        DefaultValueFactory = _ => ".",
    };

    public static Option<string?> Today() => new("--today")
    {
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

    public static PolicyCompilation Compile(string path, string? today) =>
        PolicyCompilation.Create(PolicySources.Load(path), ParseToday(today));
}
