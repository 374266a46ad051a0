using System.Diagnostics;
using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Semantics;

/// <summary>
/// Runs a pipeline through Semantics/run_pipeline.js (mingo, an independent in-memory implementation of MongoDB's aggregation
/// language; npm packages pinned in Semantics/package-lock.json). Not a server: it checks what our expressions mean, and the
/// live suite remains the proof. Fails, naming the install step, when node or the packages are missing.
/// </summary>
internal static class Mingo
{
    private static string Dir([CallerFilePath] string here = "") => Path.GetDirectoryName(here)!;

    public static List<BsonDocument> Aggregate(string collection, IEnumerable<BsonDocument> pipeline, IReadOnlyDictionary<string, IReadOnlyList<BsonDocument>> collections)
    {
        var dir = Dir();
        Assert.True(Directory.Exists(Path.Combine(dir, "node_modules", "mingo")),
            $"mingo is not installed: run `npm ci --prefix {dir}` (scripts/services/mongomock.sh does this)");
        var input = new BsonDocument
        {
            { "collection", collection },
            { "pipeline", new BsonArray(pipeline) },
            { "collections", new BsonDocument(collections.Select(kv => new BsonElement(kv.Key, new BsonArray(kv.Value)))) },
        };
        var file = Path.Combine(Path.GetTempPath(), $"pl-mingo-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, input.ToJson(new JsonWriterSettings { OutputMode = JsonOutputMode.CanonicalExtendedJson }));
        try
        {
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
            start.ArgumentList.Add(Path.Combine(dir, "run_pipeline.js"));
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), "node did not finish");
            Assert.True(process.ExitCode == 0, $"mingo failed: {stderr.Result}");
            return BsonSerializerArray(stdout.Result);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<BsonDocument> BsonSerializerArray(string json) =>
        MongoDB.Bson.Serialization.BsonSerializer.Deserialize<BsonArray>(json).Select(v => v.AsBsonDocument).ToList();
}
