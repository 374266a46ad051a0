using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>
/// What the server-fault tests share: a private s3rver, 17 expired and 4 fresh events, a fresh bucket on that server, and an
/// HTTP hook that does <c>fault</c> to the server while the second batch's data object is on its way.
/// </summary>
internal sealed class ServerFaultSetup : IDisposable
{
    private ServerFaultSetup(PrivateS3Server server, TempDir dir, string bucket, Action<PrivateS3Server> fault)
    {
        (Server, Dir, Bucket) = (server, dir, bucket);
        Original = DuckDbEvents.TableRows(dir);
        Model = Policies.EventsToS3(M.S3(bucket, server.Url));
        var puts = 0;
        Http = new RecordingHttp { Intercept = r => { if (IsDataPut(r) && ++puts == 2) { fault(server); } return null; } };
    }

    public PrivateS3Server Server { get; }
    public TempDir Dir { get; }
    public string Bucket { get; }
    public List<string> Original { get; }
    public PolicyModel Model { get; }
    public RecordingHttp Http { get; }

    public static async Task<ServerFaultSetup> CreateAsync(Action<PrivateS3Server> fault)
    {
        var server = new PrivateS3Server();
        var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 17, fresh: 4);
        return new ServerFaultSetup(server, dir, await S3Env.NewBucketAsync(server.Url), fault);
    }

    /// <summary>True for the PUT of a batch's data object.</summary>
    public static bool IsDataPut(HttpRequestMessage r) => r.Method == HttpMethod.Put && r.RequestUri!.AbsolutePath.EndsWith(".parquet", StringComparison.Ordinal);

    public void Dispose()
    {
        Dir.Dispose();
        Server.Dispose();
    }
}
