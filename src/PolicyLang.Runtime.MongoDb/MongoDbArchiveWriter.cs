using System.Text;
using MongoDB.Bson;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// Writes a retention batch. Documents have no fixed schema, so both formats keep each document whole and lossless as
/// canonical Extended JSON v2 (int32/int64/decimal128/date/objectId/binary all round-trip):
/// <c>jsonl</c>: one document per line (UTF-8, <c>\n</c>);
/// <c>parquet</c> (zstd): columns <c>&lt;key&gt;</c> (UTF8: the key text of <see cref="MongoDbKeys"/>; one per field of a composite key), <c>&lt;retention field&gt;</c>
/// (timestamp, UTC, null when not a BSON date; dots become <c>_</c>) for querying archives by age, and <c>document</c> (UTF8: canonical Extended JSON).
/// </summary>
internal static class MongoDbArchiveWriter
{
    /// <summary>Writes <paramref name="documents"/> keyed by one field (see <see cref="WriteAsync(IReadOnlyList{BsonDocument}, IReadOnlyList{string}, string?, string, string, CancellationToken)"/>).</summary>
    public static Task WriteAsync(IReadOnlyList<BsonDocument> documents, string key, string? retentionField, string format, string path, CancellationToken ct) =>
        WriteAsync(documents, [key], retentionField, format, path, ct);

    /// <summary>Writes <paramref name="documents"/> to <paramref name="path"/> as <paramref name="format"/> (parquet | jsonl); <paramref name="keys"/> are the key's fields.</summary>
    public static async Task WriteAsync(IReadOnlyList<BsonDocument> documents, IReadOnlyList<string> keys, string? retentionField, string format, string path, CancellationToken ct)
    {
        if (format == "jsonl")
        {
            var text = new StringBuilder();
            foreach (var d in documents)
            {
                text.Append(BsonMapping.ToCanonicalJson(d)).Append('\n');
            }

            await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(false), ct).ConfigureAwait(false);
            return;
        }

        var keyNames = keys.Select(ColumnName).ToList();
        var fields = new List<Field>(keyNames.Select(k => new DataField<string>(k)));
        var timeName = retentionField is null ? null : ColumnName(retentionField);
        if ((timeName is not null && keyNames.Contains(timeName)) || timeName == "document")
        {
            timeName = null;
        }

        if (timeName is not null)
        {
            fields.Add(new DataField<DateTime?>(timeName));
        }

        fields.Add(new DataField<string>("document"));
        var rows = documents.Select(d =>
        {
            IDictionary<string, object?> row = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["document"] = BsonMapping.ToCanonicalJson(d),
            };
            for (var i = 0; i < keys.Count; i++)
            {
                // A one-field key keeps its text as before (a missing field reads as null's); a composite key's missing field is a null column.
                var value = MongoDbFields.Get(d, keys[i]);
                row[keyNames[i]] = keys.Count == 1 ? MongoDbKeys.Encode(value ?? BsonNull.Value) : value is null || value.IsBsonNull ? null : MongoDbKeys.Encode(value);
            }

            if (timeName is not null)
            {
                row[timeName] = MongoDbFields.Get(d, retentionField!) is BsonDateTime { IsValidDateTime: true } b ? b.ToUniversalTime() : null;
            }

            return row;
        }).ToList();
        await using var stream = File.Create(path);
        await ParquetSerializer.SerializeUntypedAsync(rows, new ParquetSchema(fields), stream,
            new ParquetOptions { CompressionMethod = CompressionMethod.Zstd }, cancellationToken: ct).ConfigureAwait(false);
    }

    // Parquet.Net reads dots in a column name as nesting.
    private static string ColumnName(string path) => path.Replace('.', '_');
}
