using System.Text;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Controls;
using static PolicyLang.Core.Docs.Html;

namespace PolicyLang.Core.Docs;

/// <summary>
/// The HTML report (<c>policyc docs --html</c>): one self-contained page, no external assets, readable offline. The control
/// matrix (statuses in colour and in words, evidence linked to the policy's lines, embedded at the end), the dataset inventory,
/// retention stages, and a trend chart per dataset when a run history was read. Same model as the Markdown and JSON documents.
/// </summary>
internal static class HtmlRenderer
{
    private const string Style = """
        :root { color-scheme: light; --ok: #1a7f37; --partial: #9a6700; --missing: #cf222e; --waived: #57606a; --failing: #6e1e8f; }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2328; background: #fff; }
        h1 { font-size: 1.8rem; margin-bottom: .25rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #d0d7de; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; }
        th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; }
        thead th { background: #f6f8fa; }
        tbody th { font-weight: 600; }
        ul.evidence { margin: 0; padding-left: 1rem; }
        .status { display: inline-block; padding: 0 .5rem; border-radius: 1rem; color: #fff; font-weight: 600; white-space: nowrap; }
        .status-compliant { background: var(--ok); } .status-partial { background: var(--partial); }
        .status-not-covered { background: var(--missing); } .status-waived { background: var(--waived); }
        .status-failing { background: var(--failing); } p.flag { border-left: 4px solid var(--failing); padding-left: .5rem; }
        .summary span { margin-right: 1rem; }
        pre.source { background: #f6f8fa; padding: .5rem; overflow-x: auto; font-size: 13px; }
        pre.source span.line { display: block; } pre.source span.line:target { background: #fff8c5; }
        pre.source span.number { display: inline-block; width: 3.5rem; color: #57606a; user-select: none; }
        svg .axis { stroke: #57606a; } svg .tick { font-size: 11px; fill: #57606a; }
        svg rect.violations { fill: #cf222e; opacity: .75; } svg polyline.pass-rate { fill: none; stroke: #0969da; stroke-width: 2; }
        svg circle.pass-rate { fill: #0969da; } .key-violations { color: #cf222e; } .key-pass-rate { color: #0969da; }
        p.empty, p.note { color: #57606a; }
        """;

    public static string Render(BoundPolicy p, CoverageReport coverage, DocumentOptions options, RunHistory history)
    {
        var title = p.Header?.Title ?? "Data Management Policy";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(Encode(title)).Append(" — compliance report</title>\n");
        html.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        Header(html, p, options, title);
        html.Append("<main>\n");
        Controls(html, coverage, options);
        Inventory(html, p);
        Retention(html, p);
        Trends(html, p, history);
        Source(html, p);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, BoundPolicy p, DocumentOptions options, string title)
    {
        var h = p.Header;
        html.Append("<header>\n<h1>").Append(Encode(title)).Append("</h1>\n<p>");
        var facts = new List<string>();
        if (h?.Version is { } version)
        {
            facts.Add($"Version {Encode(version)}");
        }

        if (h?.Owner is { } owner)
        {
            facts.Add($"owner {Encode(owner)}");
        }

        if (h?.ReviewEvery is { } review)
        {
            facts.Add($"reviewed every {Encode(review.ToString())}");
        }

        if (options.GeneratedOn is { } on)
        {
            facts.Add($"generated on {ComplianceDocument.Date(on)}");
        }

        facts.Add($"policy <code>{Encode(p.Identity)}</code>");
        html.Append(string.Join(" · ", facts)).Append("</p>\n");
        if (h?.Description is { } description)
        {
            html.Append("<p>").Append(Encode(description)).Append("</p>\n");
        }

        html.Append("<nav aria-label=\"Sections\"><a href=\"#controls\">Control matrix</a> · <a href=\"#datasets\">Datasets</a> · ")
            .Append("<a href=\"#retention\">Retention</a> · <a href=\"#trends\">Trends</a> · <a href=\"#source\">Policy source</a></nav>\n</header>\n");
    }

    private static void Controls(StringBuilder html, CoverageReport coverage, DocumentOptions options)
    {
        html.Append("<section id=\"controls\">\n<h2>Control matrix</h2>\n");
        var counts = coverage.Safeguards.GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count());
        html.Append("<p class=\"summary\">");
        foreach (var status in Enum.GetValues<SafeguardStatus>())
        {
            html.Append("<span>").Append(Status(status)).Append(' ').Append(counts.GetValueOrDefault(status)).Append("</span>");
        }

        html.Append("</p>\n<p>").Append(Encode(options.Assessment)).Append(". Evidence links go to the policy's lines, shown at the end of this report.</p>\n");
        if (coverage.Run is { } run)
        {
            html.Append("<p>Statuses derived from the policy and the run of ").Append(ComplianceDocument.Instant(run.RunAt))
                .Append(" (policy version ").Append(Encode(run.PolicyVersion ?? "not recorded")).Append(").</p>\n");
            if (run.AcceptedDespite is { } despite)
            {
                html.Append("<p class=\"flag\"><strong>Run report accepted despite: ").Append(Encode(despite)).Append("</strong></p>\n");
            }
        }

        Table(
            html,
            "CIS Controls v8 safeguards: status and evidence",
            ["Safeguard", "Title", "Required", "Status", "Evidence"],
            coverage.Safeguards.Select(s => new[]
            {
                $"CIS.{Encode(s.Id)}",
                Encode(s.Title),
                s.Required ? "yes" : "no",
                StatusCell(s),
                s.Evidence.Count == 0 ? "<span class=\"empty\">none</span>" : $"<ul class=\"evidence\">{string.Concat(s.Evidence.Select(e => $"<li>{SourceLink(e.Location)} {Encode(e.Text)}</li>"))}</ul>",
            }),
            "The policy neither requires nor covers any CIS v8 safeguard.");
        html.Append("<p class=\"note\">").Append(Encode(CisCatalog.Attribution)).Append("</p>\n</section>\n");
    }

    private static string StatusCell(SafeguardCoverage s)
    {
        var cell = Status(s.Status);
        if (s.Waiver is { } w)
        {
            cell += $" until {ComplianceDocument.Date(w.Until)}: {Encode(w.Reason)} ({SourceLink(w.Location)})";
        }

        if (s.Lacking.Count > 0)
        {
            cell += $"<br>lacking: {Encode(string.Join(", ", s.Lacking))}";
        }

        if (s.FailedSteps.Count > 0)
        {
            cell += $"<br>failed in the run: <ul class=\"evidence\">{string.Concat(s.FailedSteps.Select(f => $"<li>{Encode(f.ToString())}</li>"))}</ul>";
        }
        else if (s.FailingRules.Count > 0)
        {
            cell += $"<br>failed in the run: {Encode(string.Join(", ", s.FailingRules))}";
        }

        return cell;
    }

    /// <summary>A status badge: colour and a symbol for sighted readers, and always the status in words.</summary>
    private static string Status(SafeguardStatus status)
    {
        var (css, symbol) = status switch
        {
            SafeguardStatus.Compliant => ("compliant", "✔"),
            SafeguardStatus.Partial => ("partial", "◐"),
            SafeguardStatus.NotCovered => ("not-covered", "✘"),
            SafeguardStatus.Failing => ("failing", "⚠"),
            _ => ("waived", "–"),
        };
        return $"<span class=\"status status-{css}\"><span aria-hidden=\"true\">{symbol} </span>{Encode(ComplianceDocument.Status(status))}</span>";
    }

    private static void Inventory(StringBuilder html, BoundPolicy p)
    {
        html.Append("<section id=\"datasets\">\n<h2>Dataset inventory</h2>\n");
        Table(
            html,
            "Governed datasets",
            ["Dataset", "Store", "Location", "Owner", "Steward", "Classification", "Rules", "Schedule", "Source"],
            p.Datasets.Select(d => new[]
            {
                Encode(d.Name),
                Encode($"{d.Store.Name} ({d.Store.KindName})"),
                Encode(PolicyText.Location(d)),
                Encode(d.Owner),
                Encode(d.Steward),
                Encode(d.Classification?.Name),
                d.Rules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Encode((d.Schedule ?? p.Header?.Schedule)?.ToString() ?? "not scheduled"),
                SourceLink(d.Declaration),
            }),
            "No datasets are declared: the policy governs no data yet.");
        html.Append("</section>\n");
    }

    private static void Retention(StringBuilder html, BoundPolicy p)
    {
        html.Append("<section id=\"retention\">\n<h2>Retention stages</h2>\n");
        var rows = new List<string[]>();
        foreach (var d in p.Datasets)
        {
            var stages = Stages(d);
            if (stages.Count == 0)
            {
                rows.Add([Encode(d.Name), "—", "<strong>no retention declared</strong>", string.Empty, string.Empty, SourceLink(d.Declaration)]);
            }

            foreach (var (stage, i) in stages.Select((s, i) => (s, i + 1)))
            {
                rows.Add(
                [
                    Encode(d.Name),
                    i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Encode($"after {stage.Window}"),
                    Encode(stage.ByColumn ?? "last-modified"),
                    Encode(stage.CopiesIn is { } copies
                        ? $"delete the archived copies in {ComplianceDocument.StoreWithClass(copies)}"
                        : (stage.ArchiveStore is { } a ? $"archive to {ComplianceDocument.StoreWithClass(a)} as {stage.ArchiveFormat}, then " : string.Empty) + PolicyText.FinalAction(stage)),
                    SourceLink(stage.Location),
                ]);
            }
        }

        Table(html, "Retention stages per dataset, in the order they apply", ["Dataset", "Stage", "When", "Measured by", "Action", "Source"], rows, "No datasets are declared, so there is nothing to retain.");
        html.Append("</section>\n");
    }

    /// <summary>A dataset's retention stages in the order they apply (its lifecycle chain).</summary>
    private static IReadOnlyList<RetentionSymbol> Stages(DatasetSymbol d) => d.Lifecycle;

    private static void Trends(StringBuilder html, BoundPolicy p, RunHistory history)
    {
        html.Append("<section id=\"trends\">\n<h2>Trends</h2>\n<p class=\"note\">").Append(Encode(history.Note)).Append("</p>\n");
        foreach (var d in p.Datasets)
        {
            var trend = history.Datasets.FirstOrDefault(t => t.Dataset == d.Name);
            if (trend is { Runs.Count: > 0 })
            {
                html.Append("<h3>").Append(Encode(d.Name)).Append("</h3>\n");
                TrendChart.Write(html, trend);
            }
        }

        html.Append("</section>\n");
    }

    private static void Source(StringBuilder html, BoundPolicy p)
    {
        html.Append("<section id=\"source\">\n<h2>Policy source</h2>\n");
        foreach (var file in ComplianceDocument.SourceTexts(p))
        {
            html.Append("<h3><code>").Append(Encode(file.Path)).Append("</code></h3>\n<pre class=\"source\">");
            var lines = file.Text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                html.Append($"<span class=\"line\" id=\"{LineAnchor(file.Path, i + 1)}\"><span class=\"number\">{i + 1}</span>{Encode(lines[i])}</span>");
            }

            html.Append("</pre>\n");
        }

        html.Append("</section>\n");
    }
}
