using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Cli;

/// <summary>
/// Progress of a run on stderr (stdout carries the summary). At a terminal, one self-overwriting line,
/// cleared at the end; redirected (a scheduler's log), a plain line per dataset and phase and at most
/// one every few seconds during long retention.
/// </summary>
internal sealed class RunProgressPrinter : IProgress<RunProgress>, IDisposable
{
    private readonly bool terminal;
    private readonly TimeSpan interval;
    private DateTime last = DateTime.MinValue;
    private (string Phase, string Dataset)? current;
    private bool lineShown;

    private RunProgressPrinter(bool terminal)
    {
        this.terminal = terminal;
        interval = terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
    }

    public static RunProgressPrinter ForStderr() => new(!Console.IsErrorRedirected);

    public void Report(RunProgress value)
    {
        var step = (value.Phase, value.Dataset);
        if (step == current && DateTime.UtcNow - last < interval)
        {
            return;
        }

        current = step;
        last = DateTime.UtcNow;
        var text = value.Phase == "checks"
            ? $"checked {value.Dataset}"
            : $"{value.Phase} {value.Dataset}: {Values.Count(value.Done)}{(value.Total is { } t ? $"/{Values.Count(t)}" : string.Empty)} rows (batch {value.Batch})";
        if (terminal)
        {
            Console.Error.Write($"\r{text}".PadRight(79) + "\r");
            lineShown = true;
        }
        else
        {
            Console.Error.WriteLine($"policyc: {text}");
        }
    }

    public void Dispose()
    {
        if (lineShown)
        {
            Console.Error.Write("\r" + new string(' ', 79) + "\r");
            lineShown = false;
        }
    }
}
