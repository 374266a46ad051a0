using MongoDB.Bson;
using MongoDB.Driver;
using Parquet;
using Parquet.Serialization;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.MongoDb;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Testing;

/// <summary>
/// A throwaway database on the live server of <c>POLICYLANG_TEST_MONGO_URL</c> (dropped afterwards) plus a scratch folder
/// for archives. TLS follows <c>POLICYLANG_TEST_MONGO_TLS</c> (required | preferred | disabled), default preferred (the URI decides).
/// </summary>
internal sealed class LiveMongo : IDisposable
{
    public LiveMongo()
    {
        var source = new MongoUrlBuilder(Environment.GetEnvironmentVariable(LiveMongoFactAttribute.Variable)!);
        // Credentials keep authenticating against their own database when the path changes to the scratch one.
        if (source.Username is not null)
        {
            source.AuthenticationSource ??= source.DatabaseName ?? "admin";
        }

        source.DatabaseName = DatabaseName;
        Url = source.ToString();
        Client = new MongoClient(MongoDbConnection.Settings("live", Url, Tls));
        Database = Client.GetDatabase(DatabaseName);
        Directory.CreateDirectory(Dir);
    }

    public static string Tls => Environment.GetEnvironmentVariable("POLICYLANG_TEST_MONGO_TLS") ?? "preferred";
    public string DatabaseName { get; } = "policylang_test_" + Guid.NewGuid().ToString("N")[..12];
    public string Url { get; }
    public MongoClient Client { get; }
    public IMongoDatabase Database { get; }
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "pl-mongo-live-" + Guid.NewGuid().ToString("N"));
    public string Archive => Path.Combine(Dir, "archive");

    public IMongoCollection<BsonDocument> this[string collection] => Database.GetCollection<BsonDocument>(collection);

    public Task<RunReport> RunAsync(PolicyModel policy, int batchSize = 5, bool dryRun = false, bool checks = true) =>
        PolicyRunner.RunAsync(new TestPolicy(policy), new RunOptions
        {
            BaseDirectory = Dir,
            Now = M.Now,
            BatchSize = batchSize,
            DryRun = dryRun,
            Checks = checks,
            Environment = name => name switch { "LAB_MONGO_URL" => Url, "LAB_MONGO_TLS" => Tls, _ => null },
        }, CancellationToken.None);

    /// <summary>Documents of <paramref name="collection"/> as canonical Extended JSON, by _id.</summary>
    public List<string> Documents(string collection) =>
        this[collection].Find(new BsonDocument()).Sort(new BsonDocument("_id", 1)).ToList().Select(BsonMapping.ToCanonicalJson).ToList();

    /// <summary>Every document in archive objects that have a manifest, as canonical Extended JSON, by _id.</summary>
    public List<string> ArchivedDocuments(string dataset)
    {
        var root = Path.Combine(Archive, "testpolicy", dataset);
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.GetFiles(root, "*.manifest.json", SearchOption.AllDirectories)
            .Select(m => m[..^".manifest.json".Length] + ".parquet")
            .SelectMany(ArchiveReader.ReadParquet)
            .OrderBy(d => d["_id"]).Select(BsonMapping.ToCanonicalJson).ToList();
    }

    public void Dispose()
    {
        try { Client.DropDatabase(DatabaseName); } catch (MongoException) { }

        Client.Dispose();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Reads Parquet archive objects back into documents (their <c>document</c> column).</summary>
internal static class ArchiveReader
{
    public sealed class Row
    {
        public string? Document { get; set; }
    }

    public static List<BsonDocument> ReadParquet(string path)
    {
        using var stream = File.OpenRead(path);
        var rows = ParquetSerializer.DeserializeAsync<Row>(stream, new ParquetOptions { PropertyNameCaseInsensitive = true }).GetAwaiter().GetResult();
        return rows.Data.Select(r => BsonDocument.Parse(r.Document!)).ToList();
    }
}
