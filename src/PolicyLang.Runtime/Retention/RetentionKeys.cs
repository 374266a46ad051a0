using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Retention;

/// <summary>
/// Keys cross the retention protocol as invariant strings (manifests, deletes, batch names). A one-column key is its column's
/// text, as it always was. A composite key (<c>key run_id, lane</c>) is a JSON array of its columns' texts in the order the key
/// is declared (<c>["r-17","3"]</c>; a null column is <c>null</c>), written the same way by every store, so the protocol still
/// compares, hashes and orders plain strings and each store splits a key back into its columns to match them in their own types.
/// </summary>
public static class RetentionKeys
{
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The key text of a row whose key columns read as <paramref name="parts"/> (in the key's order).</summary>
    public static string Compose(IReadOnlyList<string?> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0] ?? throw new ArgumentException("a one-column key is never null", nameof(parts));
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartArray();
            foreach (var part in parts)
            {
                if (part is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(part);
                }
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The column texts of <paramref name="key"/> for a key of <paramref name="arity"/> columns (the inverse of <see cref="Compose"/>).</summary>
    /// <exception cref="FormatException">The text is not a key of that many columns.</exception>
    public static IReadOnlyList<string?> Split(string key, int arity)
    {
        if (arity == 1)
        {
            return [key];
        }

        try
        {
            using var json = JsonDocument.Parse(key);
            var parts = json.RootElement.ValueKind == JsonValueKind.Array
                ? json.RootElement.EnumerateArray().Select(e => e.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => e.GetString(),
                    _ => throw new FormatException($"'{key}' is not a key of {arity} columns"),
                }).ToList()
                : [];
            return parts.Count == arity ? parts : throw new FormatException($"'{key}' is not a key of {arity} columns");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"'{key}' is not a key of {arity} columns", ex);
        }
    }

    /// <summary>The columns of every key of <paramref name="keys"/>, one list per key column (what a store binds to match a batch).</summary>
    public static IReadOnlyList<string?[]> Columns(IReadOnlyList<string> keys, int arity)
    {
        var columns = Enumerable.Range(0, arity).Select(_ => new string?[keys.Count]).ToList();
        for (var row = 0; row < keys.Count; row++)
        {
            var parts = Split(keys[row], arity);
            for (var i = 0; i < arity; i++)
            {
                columns[i][row] = parts[i];
            }
        }

        return columns;
    }

    /// <summary>
    /// What manifests record as the key column: the key's column, or for a composite key its columns joined by <c>", "</c>
    /// (declared names are plain identifiers, so the text is unambiguous); <paramref name="whenNone"/> when none is declared.
    /// </summary>
    public static string ColumnText(DatasetModel dataset, string whenNone) =>
        dataset.HasKey ? string.Join(", ", dataset.KeyColumns) : whenNone;

    /// <summary>
    /// INVARIANT: every selected key identifies its row, so the delete removes exactly the archived rows. A composite key with a
    /// null column cannot be matched by equality: such a batch stops the dataset's retention before anything is archived or
    /// deleted, naming the column (declare it <c>not null</c>, or fill it).
    /// </summary>
    public static void RequireComplete(DatasetModel dataset, IReadOnlyList<string> keys)
    {
        if (dataset.KeyColumns.Count < 2)
        {
            return;
        }

        foreach (var key in keys)
        {
            var parts = Split(key, dataset.KeyColumns.Count);
            var missing = Enumerable.Range(0, parts.Count).FirstOrDefault(i => parts[i] is null, -1);
            if (missing >= 0)
            {
                throw new RunException($"dataset '{dataset.Name}': an expired row has a null key column '{dataset.KeyColumns[missing]}' (key {key}), " +
                    "so it cannot be matched exactly; nothing of this batch was archived or deleted");
            }
        }
    }
}
