using System.Text;

namespace PolicyLang.Runtime.Reporting;

/// <summary>
/// Pushes <see cref="PrometheusMetrics"/> to a Prometheus Pushgateway (<c>policyc run --push URL</c>). The group is
/// <c>job=&lt;policy identity&gt;</c>, plus <c>datasets=&lt;names&gt;</c> for a run narrowed to some datasets, so a partial run
/// never replaces the series of a full one. The push is a POST: it replaces the families it sends and keeps the others, so a
/// run that did not succeed leaves the last-success time of the previous push in place. A URL that already names a group
/// (<c>.../metrics/job/...</c>) is used as given.
/// </summary>
public static class PushgatewayClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The group's URL for <paramref name="policy"/> under the Pushgateway at <paramref name="gateway"/>.</summary>
    public static Uri GroupUrl(Uri gateway, string policy, IReadOnlyCollection<string>? datasets)
    {
        if (gateway.AbsolutePath.Contains("/metrics/job/", StringComparison.Ordinal))
        {
            return gateway;
        }

        var path = $"{gateway.AbsoluteUri.TrimEnd('/')}/metrics/job{Segment(policy)}";
        if (datasets is { Count: > 0 })
        {
            path += "/datasets" + Segment(string.Join(',', datasets));
        }

        return new Uri(path);
    }

    /// <summary>Pushes the metrics; a refused or failed push is an <see cref="IOException"/> saying what the gateway answered.</summary>
    public static async Task PushAsync(Uri gateway, RunReport report, IReadOnlyCollection<string>? datasets, CancellationToken ct)
    {
        var url = GroupUrl(gateway, report.Policy, datasets);
        using var client = new HttpClient { Timeout = Timeout };
        using var content = new StringContent(PrometheusMetrics.Write(report, null), new UTF8Encoding(false), "text/plain");
        content.Headers.ContentType!.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("version", "0.0.4"));
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync(url, content, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new IOException($"pushing metrics to {url} failed: {(e is TaskCanceledException ? $"no answer in {Timeout.TotalSeconds:0} s" : e.Message)}", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var body = (await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).Trim().Split('\n', 2)[0];
                throw new IOException($"pushing metrics to {url} failed: {(int)response.StatusCode} {response.ReasonPhrase}{(body.Length > 0 ? $": {body}" : "")}");
            }
        }
    }

    // A label value in a Pushgateway path: as is when it is plain, else base64url (the gateway's @base64 form); empty needs base64 too.
    private static string Segment(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? "/" + value
            : "@base64/" + (value.Length == 0 ? "=" : Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).Replace('+', '-').Replace('/', '_'));
}
