using System.Globalization;
using System.Text;

namespace PolicyLang.Core.Docs;

/// <summary>
/// An inline SVG chart of one dataset's runs: violations (bars, left scale) and rule pass rate (line, right scale, 0–100 %),
/// with a <c>&lt;title&gt;</c> and a <c>&lt;desc&gt;</c> that say in words what the chart shows, for screen readers and text browsers.
/// </summary>
internal static class TrendChart
{
    private const int Width = 640;
    private const int Height = 220;
    private const int Left = 56;
    private const int Right = 56;
    private const int Top = 16;
    private const int Bottom = 36;

    public static void Write(StringBuilder html, DatasetTrend trend)
    {
        var runs = trend.Runs;
        var id = $"trend-{trend.Dataset}";
        var maxViolations = Math.Max(1, runs.Max(r => r.Violations));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = (double)plotWidth / runs.Count;
        double X(int i) => Left + (slot * i) + (slot / 2);
        double YViolations(long v) => Top + plotHeight - (plotHeight * (double)v / maxViolations);
        double YRate(double rate) => Top + plotHeight - (plotHeight * rate);

        html.Append("<figure>\n");
        html.Append($"<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        html.Append($"<title id=\"{id}-title\">{Html.Encode($"{trend.Dataset}: violations and rule pass rate over the last {runs.Count} runs")}</title>\n");
        html.Append($"<desc id=\"{id}-desc\">{Html.Encode(Describe(trend))}</desc>\n");
        html.Append($"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - Right}\" y2=\"{Top + plotHeight}\"/>\n");
        html.Append($"<text class=\"tick\" x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\">{maxViolations.ToString(CultureInfo.InvariantCulture)}</text>\n");
        html.Append($"<text class=\"tick\" x=\"{Left - 6}\" y=\"{Top + plotHeight}\" text-anchor=\"end\">0</text>\n");
        html.Append($"<text class=\"tick\" x=\"{Width - Right + 6}\" y=\"{Top + 4}\">100%</text>\n");
        html.Append($"<text class=\"tick\" x=\"{Width - Right + 6}\" y=\"{Top + plotHeight}\">0%</text>\n");
        for (var i = 0; i < runs.Count; i++)
        {
            var y = YViolations(runs[i].Violations);
            html.Append($"<rect class=\"violations\" x=\"{N(X(i) - (slot * 0.35))}\" y=\"{N(y)}\" width=\"{N(slot * 0.7)}\" height=\"{N(Top + plotHeight - y)}\"><title>{Html.Encode($"{Instant(runs[i].At)}: {runs[i].Violations} violations, {runs[i].RulesPassed} of {runs[i].RulesChecked} rules passed")}</title></rect>\n");
        }

        var points = string.Join(' ', runs.Select((r, i) => $"{N(X(i))},{N(YRate(r.PassRate))}"));
        html.Append($"<polyline class=\"pass-rate\" points=\"{points}\"/>\n");
        foreach (var (r, i) in runs.Select((r, i) => (r, i)))
        {
            html.Append($"<circle class=\"pass-rate\" cx=\"{N(X(i))}\" cy=\"{N(YRate(r.PassRate))}\" r=\"3\"/>\n");
        }

        html.Append($"<text class=\"tick\" x=\"{Left}\" y=\"{Height - 10}\">{Html.Encode(Instant(runs[0].At))}</text>\n");
        html.Append($"<text class=\"tick\" x=\"{Width - Right}\" y=\"{Height - 10}\" text-anchor=\"end\">{Html.Encode(Instant(runs[^1].At))}</text>\n");
        html.Append("</svg>\n");
        html.Append($"<figcaption>{Html.Encode(trend.Dataset)}: <span class=\"key-violations\">bars: violations (left scale)</span>, <span class=\"key-pass-rate\">line: rules passed (right scale)</span>.</figcaption>\n");
        html.Append("</figure>\n");
    }

    /// <summary>The chart in words: span of runs, latest values, and the range of violations.</summary>
    public static string Describe(DatasetTrend trend)
    {
        var runs = trend.Runs;
        var last = runs[^1];
        var text = $"{runs.Count} runs from {Instant(runs[0].At)} to {Instant(last.At)}. "
            + $"Latest run: {last.Violations} violations, {last.RulesPassed} of {last.RulesChecked} rules passed ({Percent(last.PassRate)}). "
            + $"Violations ranged from {runs.Min(r => r.Violations)} to {runs.Max(r => r.Violations)}; pass rate from {Percent(runs.Min(r => r.PassRate))} to {Percent(runs.Max(r => r.PassRate))}.";
        return text;
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
