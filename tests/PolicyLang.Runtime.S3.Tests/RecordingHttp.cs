using System.Collections.Concurrent;
using Amazon.Runtime;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>One request as the SDK sent it (the local servers drop SSE headers, so tests assert what is sent).</summary>
internal sealed record SentRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, int Status)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>
/// Sits between the SDK and the server: records every request and lets a test fail, alter or delay it.
/// <see cref="Intercept"/> may return a response to send instead of forwarding; <see cref="AlterResponse"/> edits real ones.
/// </summary>
internal sealed class RecordingHttp : HttpClientFactory
{
    public ConcurrentQueue<SentRequest> Sent { get; } = new();
    public Func<HttpRequestMessage, HttpResponseMessage?>? Intercept { get; set; }
    public Action<HttpRequestMessage, HttpResponseMessage>? AlterResponse { get; set; }

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Handler(this) { InnerHandler = new SocketsHttpHandler() });

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;

    public IEnumerable<SentRequest> Where(string method, string pathContains) =>
        Sent.Where(r => r.Method == method && r.PathAndQuery.Contains(pathContains, StringComparison.Ordinal));

    private sealed class Handler(RecordingHttp owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
            var response = owner.Intercept?.Invoke(request) ?? await base.SendAsync(request, ct);
            owner.AlterResponse?.Invoke(request, response);
            owner.Sent.Enqueue(new SentRequest(request.Method.Method, request.RequestUri!.PathAndQuery, headers, (int)response.StatusCode));
            return response;
        }
    }
}
