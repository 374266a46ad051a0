using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MongoDB.Bson;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Wire;

/// <summary>
/// Starts Wire/mock_mongo.py (python3-mockupdb) on a free loopback port for one test and reads back the commands it received.
/// The test fails, naming the package, when python3-mockupdb is not installed: a missing mock is never a pass.
/// </summary>
internal sealed class MockMongo : IDisposable
{
    public const string Python = "/usr/bin/python3";
    private readonly Process process;
    private readonly string dir = Path.Combine(Path.GetTempPath(), "pl-mongo-mock-" + Guid.NewGuid().ToString("N"));

    public MockMongo(BsonDocument replies)
    {
        RequireMockupDb();
        Directory.CreateDirectory(dir);
        File.WriteAllText(RepliesFile, replies.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.CanonicalExtendedJson }));
        Port = FreePort();
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Wire", "mock_mongo.py"), Port.ToString(System.Globalization.CultureInfo.InvariantCulture), RepliesFile, LogFile })
        {
            start.ArgumentList.Add(a);
        }

        process = Process.Start(start)!;
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result is not { } line || !line.StartsWith("PORT ", StringComparison.Ordinal))
        {
            Kill();
            Assert.Fail($"mock_mongo.py did not start: {process.StandardError.ReadToEnd()}");
        }
    }

    public int Port { get; }

    /// <summary>A URI for the mock: direct connection, short server selection so a failure is quick.</summary>
    public string Url => $"mongodb://127.0.0.1:{Port}/labdb?directConnection=true&serverSelectionTimeoutMS=4000&connectTimeoutMS=2000";

    private string RepliesFile => Path.Combine(dir, "replies.json");
    private string LogFile => Path.Combine(dir, "commands.jsonl");

    /// <summary>Every command received, handshakes included, in order, as sent (canonical Extended JSON keeps BSON types).</summary>
    public List<(string Name, BsonDocument Doc)> AllCommands() =>
        File.Exists(LogFile)
            ? File.ReadAllLines(LogFile).Where(l => l.Length > 0).Select(BsonDocument.Parse)
                .Select(d => (d["command"].AsString, d["doc"].AsBsonDocument)).ToList()
            : [];

    /// <summary>Every command except handshakes and session housekeeping (<c>endSessions</c>).</summary>
    public List<(string Name, BsonDocument Doc)> Commands() =>
        AllCommands().Where(c => c.Name is not ("isMaster" or "ismaster" or "hello" or "endSessions")).ToList();

    /// <summary>Commands addressed to <paramref name="collection"/> (the command's first value), excluding session housekeeping.</summary>
    public List<(string Name, BsonDocument Doc)> On(string collection) =>
        Commands().Where(c => c.Doc.GetElement(0).Value is BsonString s && s.Value == collection).ToList();

    public void Dispose()
    {
        Kill();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    private void Kill()
    {
        // Only the process this test started, by its handle.
        try { if (!process.HasExited) { process.Kill(entireProcessTree: true); } } catch (InvalidOperationException) { }

        process.WaitForExit(5000);
        process.Dispose();
    }

    private static void RequireMockupDb()
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: the wire tests need Debian's python3 with python3-mockupdb (apt-get install -y python3-mockupdb)");
        var probe = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        probe.ArgumentList.Add("-c");
        probe.ArgumentList.Add("import mockupdb");
        using var p = Process.Start(probe)!;
        p.WaitForExit(20_000);
        Assert.True(p.ExitCode == 0,
            "python3-mockupdb is not installed: the MongoDB wire tests need it (apt-get update && apt-get install -y python3-mockupdb; scripts/services/mongomock.sh does this)");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
