using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Xunit;
using PolicyLang.Testing;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// `policyc docs --html` rendered by a real browser (headless Chromium, installed by scripts/services/ops-consumers.sh): the page
/// paints (a screenshot that is not blank), its DOM holds the expected tables, and it is accessible (lang, captions, scoped
/// headers, status words besides colours, text alternatives for charts). The trend test records real runs in PostgreSQL.
/// </summary>
public sealed class HtmlReportTests(PgDatabase pg) : IClassFixture<PgDatabase>
{
    [Fact]
    public void The_report_renders_offline_with_the_control_matrix_datasets_and_retention_tables()
    {
        using var scratch = new Scratch();
        var policy = Path.Combine(Policyc.Root, "examples", "astronomy-lab");
        var result = Policyc.Run(scratch.Path, scratch.Cache, "docs", policy, "--html", "-o", "out", "--today", "2026-01-15");
        Assert.True(result.ExitCode == 0, result.ToString());
        var file = Path.Combine(scratch.Path, "out", "compliance.html");
        var html = File.ReadAllText(file);

        // Self-contained: no stylesheet, script, image or font is fetched from anywhere.
        Assert.DoesNotMatch(new Regex("<(link|script|img)\\b|@import|url\\(|src=", RegexOptions.IgnoreCase), html);

        var dom = Chromium(scratch.Path, "--dump-dom", new Uri(file).AbsoluteUri);
        Assert.True(dom.ExitCode == 0, dom.ToString());
        Assert.Contains("<html lang=\"en\">", dom.Stdout, StringComparison.Ordinal);
        var tables = Regex.Matches(dom.Stdout, "<table>\\s*<caption>([^<]+)</caption>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["CIS Controls v8 safeguards: status and evidence", "Governed datasets", "Retention stages per dataset, in the order they apply"], tables);
        Assert.Equal(4, Regex.Matches(Section(dom.Stdout, "datasets"), "<th scope=\"row\">").Count);
        Assert.Contains("<th scope=\"col\">Status</th>", dom.Stdout, StringComparison.Ordinal);

        // Every status is written in words next to its colour, and every evidence link lands on a line of the embedded policy.
        var controls = Section(dom.Stdout, "controls");
        // One status badge per safeguard row, plus one per status in the legend above the table.
        var legend = Regex.Matches(Regex.Match(controls, "<p class=\"summary\">.*?</p>", RegexOptions.Singleline).Value, "class=\"status status-").Count;
        Assert.Equal(5, legend);
        Assert.Equal(Regex.Matches(controls, "class=\"status status-").Count - legend, Regex.Matches(controls, "<tr><th scope=\"row\">").Count);
        Assert.Matches("status-compliant\"><span aria-hidden=\"true\">✔ </span>Compliant<", controls);
        Assert.Contains("status-partial\"><span aria-hidden=\"true\">◐ </span>Partial<", controls, StringComparison.Ordinal);
        var links = Regex.Matches(dom.Stdout, "href=\"#(src-[^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(links);
        Assert.All(links, anchor => Assert.Contains($"id=\"{anchor}\"", dom.Stdout, StringComparison.Ordinal));
        Assert.Contains("No run history was read", dom.Stdout, StringComparison.Ordinal);

        var screenshot = Path.Combine(scratch.Path, "shot.png");
        var shot = Chromium(scratch.Path, $"--screenshot={screenshot}", "--window-size=1280,1600", new Uri(file).AbsoluteUri);
        Assert.True(File.Exists(screenshot), shot.ToString());
        Assert.True(DistinctPixelBytes(screenshot) > 16, "the screenshot is blank");
    }

    [Fact]
    public async Task With_history_each_postgres_dataset_gets_a_chart_with_text_alternatives()
    {
        using var scratch = new Scratch();
        var environment = new Dictionary<string, string?> { ["PL_HTML_PG"] = pg.ConnectionString };
        scratch.File("trend.gov", """
            policy "Trend" { version "1" owner "ops" review every 90 days name "trend" }
            classification public
            store db postgres { connection env("PL_HTML_PG") }
            store local duckdb { file "local.duckdb" }
            dataset readings in db table "public.readings" {
              owner "ops" classification public
              expect value between 0 and 10
              expect id not null
            }
            dataset notes in local table "main.notes" { owner "ops" classification public }
            """);
        await pg.ExecAsync("CREATE TABLE public.readings (id int, value int)", "INSERT INTO public.readings VALUES (1, 5), (2, 50)");
        var init = Policyc.RunWith(environment, scratch.Path, scratch.Cache, "init-db", ".", "--store", "db", "--runner-role", new Npgsql.NpgsqlConnectionStringBuilder(PgDatabase.Server).Username!);
        Assert.True(init.ExitCode == 0, init.ToString());
        for (var run = 0; run < 3; run++)
        {
            Policyc.RunWith(environment, scratch.Path, scratch.Cache, "run", ".", "--dataset", "readings");
            if (run == 1)
            {
                await pg.ExecAsync("UPDATE public.readings SET value = 7");
            }
        }

        var result = Policyc.RunWith(environment, scratch.Path, scratch.Cache, "docs", ".", "--html", "--history", "-o", "out");
        Assert.True(result.ExitCode == 0, result.ToString());
        var file = Path.Combine(scratch.Path, "out", "compliance.html");
        var dom = Chromium(scratch.Path, "--dump-dom", new Uri(file).AbsoluteUri).Stdout;
        var trends = Section(dom, "trends");
        Assert.Single(Regex.Matches(trends, "<svg role=\"img\" aria-labelledby=\"trend-readings-title trend-readings-desc\""));
        Assert.Contains("<title id=\"trend-readings-title\">readings: violations and rule pass rate over the last 3 runs</title>", trends, StringComparison.Ordinal);
        Assert.Matches("<desc id=\"trend-readings-desc\">3 runs from .* Latest run: 0 violations, 2 of 2 rules passed \\(100%\\)\\. Violations ranged from 0 to 1; pass rate from 50% to 100%\\.</desc>", trends);
        Assert.Equal(3, Regex.Matches(trends, "<rect class=\"violations\"").Count);
        Assert.Contains("No history is kept for notes (duckdb): no chart.", trends, StringComparison.Ordinal);
    }

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static Result Chromium(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("chromium") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={Path.Combine(workingDirectory, ".chromium")}", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>How many different byte values the PNG's decoded pixel rows hold: a blank (one-colour) page has a handful.</summary>
    private static int DistinctPixelBytes(string png)
    {
        var bytes = File.ReadAllBytes(png);
        using var idat = new MemoryStream();
        for (var offset = 8; offset + 8 <= bytes.Length;)
        {
            var length = (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
            if (System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4) == "IDAT")
            {
                idat.Write(bytes, offset + 8, length);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var pixels = new ZLibStream(idat, CompressionMode.Decompress);
        var seen = new HashSet<byte>();
        var buffer = new byte[81920];
        for (var read = pixels.Read(buffer); read > 0; read = pixels.Read(buffer))
        {
            seen.UnionWith(buffer.AsSpan(0, read).ToArray());
        }

        return seen.Count;
    }
}
