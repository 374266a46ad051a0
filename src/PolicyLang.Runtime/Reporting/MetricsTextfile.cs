using System.Globalization;

namespace PolicyLang.Runtime.Reporting;

/// <summary>
/// Writes <see cref="PrometheusMetrics"/> as a textfile for node_exporter's textfile collector (<c>policyc run --metrics</c>):
/// to a temporary name in the same folder (not ending in <c>.prom</c>, so a scrape never reads half a file), then renamed over
/// the target. A run that did not succeed keeps the last-success time the previous file holds.
/// </summary>
public static class MetricsTextfile
{
    /// <summary>Writes the metrics of <paramref name="report"/> to <paramref name="path"/> atomically; its folder is created.</summary>
    public static void Write(string path, RunReport report)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var text = PrometheusMetrics.Write(report, report.Succeeded ? null : PreviousLastSuccess(full));
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The last-success time a textfile holds, if it holds one.</summary>
    public static DateTimeOffset? PreviousLastSuccess(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(PrometheusMetrics.LastSuccess + "{", StringComparison.Ordinal)
                && double.TryParse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
            }
        }

        return null;
    }
}
