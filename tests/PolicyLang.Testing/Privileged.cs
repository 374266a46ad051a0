using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Xunit;

namespace PolicyLang.Testing;

/// <summary>
/// What this machine lets a test do beyond an ordinary user: mount a small tmpfs (a real full disk) and signal any process
/// (SIGSTOP a PostgreSQL backend owned by the server's user). Probed once, when tests are discovered.
/// </summary>
internal static class Privileged
{
    private static readonly Lazy<string?> MountProblem = new(ProbeMount);

    /// <summary>Why a tmpfs cannot be mounted here, or null when it can.</summary>
    public static string? TmpfsUnavailable => MountProblem.Value;

    /// <summary>Why another user's process cannot be signalled here, or null when it can (root).</summary>
    public static string? SignalsUnavailable => Environment.IsPrivilegedProcess ? null : "signalling the PostgreSQL server's processes needs root";

    /// <summary>Why a process cannot be run as another, unprivileged user (nobody) here, or null when it can (root, runuser).</summary>
    public static string? OtherUserUnavailable => !Environment.IsPrivilegedProcess ? "running the runner as another user (nobody) needs root"
        : !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser") ? "runuser is not installed" : null;

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; its exit code and what it printed.</summary>
    public static (int Exit, string Output) Exec(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }

    private static string? ProbeMount()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "a tmpfs needs Linux";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "mounting a tmpfs needs root";
        }

        var probe = Directory.CreateTempSubdirectory("pl-tmpfs-probe-").FullName;
        try
        {
            var (exit, output) = Exec("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe);
            if (exit != 0)
            {
                return $"mount -t tmpfs failed: {output}";
            }

            Exec("umount", probe);
            return null;
        }
        finally
        {
            Directory.Delete(probe);
        }
    }
}

/// <summary>A small tmpfs mounted for one test and unmounted afterwards: a disk that really fills up (ENOSPC).</summary>
internal sealed class Tmpfs : IDisposable
{
    public Tmpfs(int kilobytes)
    {
        Path = Directory.CreateTempSubdirectory("pl-tmpfs-").FullName;
        Mount("size=" + kilobytes.ToString(CultureInfo.InvariantCulture) + "k");
    }

    public string Path { get; }

    /// <summary>Grows (or shrinks) the mounted file system in place; its files stay.</summary>
    public void Resize(int kilobytes) => Mount("remount,size=" + kilobytes.ToString(CultureInfo.InvariantCulture) + "k");

    public void Dispose()
    {
        // A file still open in it (a test's own stream) makes umount fail: detach it lazily then, so no mount outlives the test.
        if (Privileged.Exec("umount", Path).Exit != 0)
        {
            Privileged.Exec("umount", "-l", Path);
        }

        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }

    private void Mount(string options)
    {
        var (exit, output) = Privileged.Exec("mount", "-t", "tmpfs", "-o", options, "tmpfs", Path);
        Assert.True(exit == 0, $"mount -o {options} failed: {output}");
    }
}

/// <summary>A fact that needs a small tmpfs; reported SKIPPED with the reason where none can be mounted (never passes without running).</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute([CallerMemberName] string test = "")
    {
        if (Privileged.TmpfsUnavailable is { } reason)
        {
            Skip = reason;
            DisplayName = $"{test} (SKIPPED: {reason})";
        }
    }
}

/// <summary>A fact that signals the test server's processes; reported SKIPPED with the reason where it may not.</summary>
public sealed class SignalsFactAttribute : FactAttribute
{
    public SignalsFactAttribute([CallerMemberName] string test = "")
    {
        if (Privileged.SignalsUnavailable is { } reason)
        {
            Skip = reason;
            DisplayName = $"{test} (SKIPPED: {reason})";
        }
    }
}

/// <summary>A fact that runs the runner as the unprivileged user nobody; reported SKIPPED with the reason where it cannot.</summary>
public sealed class OtherUserFactAttribute : FactAttribute
{
    public OtherUserFactAttribute([CallerMemberName] string test = "")
    {
        if (Privileged.OtherUserUnavailable is { } reason)
        {
            Skip = reason;
            DisplayName = $"{test} (SKIPPED: {reason})";
        }
    }
}
