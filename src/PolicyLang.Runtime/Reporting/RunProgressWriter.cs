using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Runtime.Reporting;

/// <summary>
/// Progress of a run for people, per dataset: rules checked, retention batches archived and rows per second. At a terminal it is
/// one line rewritten in place (carriage return) and cleared at the end; redirected (a scheduler's log) it is plain lines: one per
/// dataset's checks and at most one every few seconds per retention step. Hosts give it the error stream, never the stream
/// that carries a machine-readable report.
/// </summary>
public sealed class RunProgressWriter : IProgress<RunProgress>, IDisposable
{
    private readonly TextWriter writer;
    private readonly bool terminal;
    private readonly int width;
    private readonly Func<DateTimeOffset> clock;
    private readonly string prefix;
    private readonly TimeSpan interval;
    private readonly object gate = new();
    private (string Phase, string Dataset)? current;
    private DateTimeOffset shownAt = DateTimeOffset.MinValue;
    private DateTimeOffset lastEventAt;
    private DateTimeOffset stepStartedAt;
    private int rulesDone;
    private bool lineShown;

    /// <summary>
    /// Progress to <paramref name="writer"/>; <paramref name="terminal"/> rewrites one line of <paramref name="width"/> columns,
    /// otherwise each line starts with <paramref name="prefix"/> (the host's name, as its other messages do).
    /// </summary>
    public RunProgressWriter(TextWriter writer, bool terminal, int width = 80, string prefix = "", Func<DateTimeOffset>? clock = null)
    {
        this.writer = writer;
        this.prefix = prefix;
        this.terminal = terminal;
        this.width = Math.Max(20, width);
        this.clock = clock ?? (() => DateTimeOffset.UtcNow);
        interval = terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
        lastEventAt = this.clock();
    }

    /// <summary>Progress on the process's standard error: rewritten in place when it is a terminal, plain lines when redirected.</summary>
    public static RunProgressWriter ForStandardError(string prefix)
    {
        var terminal = !Console.IsErrorRedirected;
        return new RunProgressWriter(Console.Error, terminal, terminal ? TerminalWidth() : 80, prefix);
    }

    /// <inheritdoc/>
    public void Report(RunProgress value)
    {
        lock (gate)
        {
            var now = clock();
            var step = (value.Phase, value.Dataset);
            if (step != current)
            {
                // A step's rate counts from the end of the one before it: its first event arrives after its first batch.
                stepStartedAt = lastEventAt;
                current = step;
            }
            else if (now - shownAt < interval)
            {
                lastEventAt = now;
                return;
            }

            lastEventAt = now;
            shownAt = now;
            if (value.Phase == "checks")
            {
                rulesDone += value.RulesDone;
            }

            Show(Describe(value, now));
        }
    }

    /// <summary>Clears the terminal line, so what follows starts on a clean line.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (lineShown)
            {
                writer.Write("\r" + new string(' ', width - 1) + "\r");
                writer.Flush();
                lineShown = false;
            }
        }
    }

    private string Describe(RunProgress value, DateTimeOffset now)
    {
        if (value.Phase == "checks")
        {
            return $"checked {value.Dataset}: {value.RulesDone}/{Plural.Of(value.RulesTotal, "rule")} ({rulesDone} in this run)";
        }

        var seconds = (now - stepStartedAt).TotalSeconds;
        var rate = seconds > 0 ? $", {Values.Count((long)(value.Done / seconds))} rows/s" : "";
        var total = value.Total is { } t ? $"/{Values.Count(t)}" : "";
        return $"{value.Phase} {value.Dataset}: {Values.Count(value.Done)}{total} rows, {Plural.Of(value.Batch, "batch", "batches")} committed{rate}";
    }

    private void Show(string text)
    {
        if (terminal)
        {
            var line = text.Length >= width ? text[..(width - 2)] + "…" : text;
            writer.Write("\r" + line.PadRight(width - 1) + "\r");
            writer.Flush();
            lineShown = true;
        }
        else
        {
            writer.WriteLine(prefix + text);
        }
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
