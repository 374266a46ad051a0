using System.Diagnostics;
using System.Globalization;

namespace PolicyLang.Benchmarks.Runs;

/// <summary>One whole process, timed from outside: wall seconds and peak resident memory (GNU time's maximum RSS).</summary>
internal sealed record Measured(double Seconds, double PeakRssMb, int ExitCode, string Output)
{
    /// <summary>Runs <paramref name="file"/> under /usr/bin/time in <paramref name="directory"/>; a non-zero exit is an error unless allowed.</summary>
    public static Measured Run(string file, IEnumerable<string> args, string directory, IReadOnlyDictionary<string, string>? environment = null, bool allowFailure = false)
    {
        var stats = Path.Combine(Path.GetTempPath(), "pl-bench-time-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "-f", "%M", "-o", stats, file }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var seconds = watch.Elapsed.TotalSeconds;
        var output = stdout.Result + stderr.Result;
        var rssKb = File.ReadAllLines(stats).Select(l => l.Trim()).Last(l => l.Length > 0 && char.IsDigit(l[0]));
        File.Delete(stats);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{output}");
        }

        return new Measured(seconds, long.Parse(rssKb, CultureInfo.InvariantCulture) / 1024.0, process.ExitCode, output);
    }
}

/// <summary>Medians over repeats and the table printer.</summary>
internal static class Table
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    public static void Print(string title, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, all.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine();
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in all)
        {
            Console.WriteLine(Line(row));
        }
    }
}
