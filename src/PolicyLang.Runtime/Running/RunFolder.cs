namespace PolicyLang.Runtime.Running;

/// <summary>
/// The one folder that holds a run's temporary files (exports, read-backs): <c>&lt;root&gt;/run-&lt;id&gt;/</c>, removed when the run
/// ends. A killed run cannot remove its own, so opening a run folder first removes every other run's folder whose owner is gone.
/// INVARIANT: a run holds an exclusive lock on <c>run-&lt;id&gt;.lock</c> (taken before its folder exists) for as long as it lives;
/// the operating system releases it when the process dies, and only a folder whose lock can be taken is removed, so a
/// concurrent run's files are never touched.
/// </summary>
public sealed class RunFolder : IDisposable
{
    /// <summary>The environment variable naming the root when <see cref="RunOptions.TempRoot"/> is not set.</summary>
    public const string Variable = "POLICYLANG_TEMP";

    private const string Prefix = "run-";
    private const string LockSuffix = ".lock";
    private readonly FileStream lockFile;

    private RunFolder(string path, FileStream held, int leftovers)
    {
        Path = path;
        lockFile = held;
        LeftoversRemoved = leftovers;
    }

    /// <summary>The run's folder.</summary>
    public string Path { get; }

    /// <summary>Files removed from the folders of earlier runs that did not end (killed), when this one opened.</summary>
    public int LeftoversRemoved { get; }

    /// <summary>The root for <paramref name="options"/>: <see cref="RunOptions.TempRoot"/>, <c>POLICYLANG_TEMP</c>, or <c>policylang</c> under the system temp folder.</summary>
    public static string RootOf(RunOptions options) =>
        options.TempRoot ?? (System.Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } root ? root : System.IO.Path.Combine(System.IO.Path.GetTempPath(), "policylang"));

    /// <summary>Removes the leftovers of dead runs under <paramref name="root"/>, then creates and locks a new run folder there.</summary>
    /// <exception cref="IOException">The root cannot be created or written.</exception>
    public static RunFolder Open(string root)
    {
        Directory.CreateDirectory(root);
        var removed = RemoveLeftovers(root);
        var path = System.IO.Path.Combine(root, Prefix + Guid.NewGuid().ToString("N"));
        var held = new FileStream(path + LockSuffix, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        try
        {
            Directory.CreateDirectory(path);
        }
        catch
        {
            held.Dispose();
            File.Delete(path + LockSuffix);
            throw;
        }

        return new RunFolder(path, held, removed);
    }

    /// <summary>A new file name in the run folder: <c>&lt;prefix&gt;-&lt;guid&gt;.&lt;extension&gt;</c> (not created).</summary>
    public string NewFile(string prefix, string extension) => NewFile(Path, prefix, extension);

    /// <summary>A new file name in <paramref name="folder"/>.</summary>
    public static string NewFile(string folder, string prefix, string extension) =>
        System.IO.Path.Combine(folder, $"{prefix}-{Guid.NewGuid():N}.{extension}");

    /// <summary>
    /// Why the file system refused a write, when <paramref name="failure"/> says it did (no space left, a disk quota, a file-size
    /// limit), else null. .NET reports ENOSPC and EDQUOT as an <see cref="IOException"/> carrying the error number, and EFBIG as an
    /// <see cref="ArgumentOutOfRangeException"/> thrown by the write itself.
    /// </summary>
    public static string? RefusedWrite(Exception failure) => failure switch
    {
        IOException { HResult: 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027) } => "no space left on the device",
        IOException { HResult: 122 } => "the disk quota is exceeded",
        ArgumentOutOfRangeException { ParamName: "value", TargetSite.DeclaringType.Namespace: "System.IO" } => "the file-size limit is reached",
        _ => null,
    };

    /// <summary>Removes the folder and releases its lock.</summary>
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }

            File.Delete(Path + LockSuffix);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's cleanup, which finds the lock free once this process is gone.
        }
        finally
        {
            lockFile.Dispose();
        }
    }

    private static int RemoveLeftovers(string root)
    {
        var removed = 0;
        var runs = Directory.EnumerateDirectories(root, Prefix + "*")
            .Concat(Directory.EnumerateFiles(root, Prefix + "*" + LockSuffix).Select(f => f[..^LockSuffix.Length]))
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var run in runs)
        {
            FileStream? owner = null;
            try
            {
                // Taken only when the owning process is gone (or never took it: a folder without a lock file).
                owner = new FileStream(run + LockSuffix, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (Directory.Exists(run))
                {
                    removed += Directory.EnumerateFiles(run, "*", SearchOption.AllDirectories).Count();
                    Directory.Delete(run, recursive: true);
                }

                File.Delete(run + LockSuffix);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A live run holds it: not ours to touch.
            }
            finally
            {
                owner?.Dispose();
            }
        }

        return removed;
    }
}
