using System.Text.RegularExpressions;

namespace PolicyLang.Runtime.Running;

/// <summary>
/// A file-system failure (a folder archive or audit trail that may not be written, a read-only or full disk) in one line that says
/// which path and why, instead of the runtime's exception type: "cannot use '/srv/archive/lab': the file system is read-only".
/// </summary>
internal static partial class FileFailure
{
    /// <summary>The line for <paramref name="failure"/>, or null when it is not a failure of the file system.</summary>
    public static string? Describe(Exception failure)
    {
        var reason = failure switch
        {
            UnauthorizedAccessException => "permission denied",
            // On Unix the runtime keeps the errno as the HResult of the errors it has no exception type for.
            IOException { HResult: 30 } => "the file system is read-only",
            IOException { HResult: 28 } => "no space left on the device",
            IOException { HResult: 122 } => "the disk quota is exceeded",
            IOException { HResult: 5 } => "an input/output error of the device",
            DirectoryNotFoundException => "a folder on the way does not exist",
            _ => null,
        };
        if (reason is null)
        {
            return null;
        }

        return QuotedPath().Matches(failure.Message).LastOrDefault()?.Groups[1].Value is { } path
            ? $"cannot use '{path}': {reason}"
            : $"a file could not be used: {reason} ({failure.Message})";
    }

    [GeneratedRegex("'(/[^']*|[A-Za-z]:\\\\[^']*)'")]
    private static partial Regex QuotedPath();
}
