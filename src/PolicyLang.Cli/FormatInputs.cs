using System.Text;
using PolicyLang.Core.Text;

namespace PolicyLang.Cli;

/// <summary>The files `policyc fmt` reads and rewrites: named files, the .gov files under folders, or standard input (`-`).</summary>
internal static class FormatInputs
{
    private const string StandardInput = "-";

    public static IEnumerable<(string FullPath, string Given)> Expand(string path)
    {
        if (path == StandardInput)
        {
            return [(StandardInput, StandardInput)];
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return PolicySources.Find(path, full).Select(f => (f, PolicySources.DisplayPath(f)));
        }

        // A file named explicitly is formatted whatever its extension, as gofmt does.
        return File.Exists(full) ? [(full, PolicySources.DisplayPath(full))] : throw new UsageException($"'{path}' does not exist");
    }

    public static FormatInput Read((string FullPath, string Given) file)
    {
        if (file.FullPath == StandardInput)
        {
            return new FormatInput(new SourceFile("<stdin>", Console.In.ReadToEnd()), StandardInput, false);
        }

        try
        {
            var bytes = File.ReadAllBytes(file.FullPath);
            var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
            var text = new UTF8Encoding(false).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
            return new FormatInput(new SourceFile(file.Given, text), file.FullPath, bom);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{file.Given}': {e.Message}");
        }
    }

    /// <summary>Rewrites the file in place, keeping its byte order mark if it had one.</summary>
    public static void Write(FormatInput input, string text)
    {
        try
        {
            File.WriteAllText(input.FullPath, text, new UTF8Encoding(input.ByteOrderMark));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write '{input.Source.Path}': {e.Message}");
        }
    }
}

/// <summary>One file to format: its text (without a byte order mark), where it lives, and whether it started with one.</summary>
internal sealed record FormatInput(SourceFile Source, string FullPath, bool ByteOrderMark)
{
    public bool IsStandardInput => FullPath == "-";
}
