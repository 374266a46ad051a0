using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace PolicyLang.Runtime.Stores.Folder;

/// <summary>Reads archive objects back without a database driver.</summary>
public static class ArchiveFiles
{
    /// <summary>Rows in a Parquet file (from its footer) or non-empty lines in a JSON Lines file.</summary>
    public static async Task<long> CountRowsAsync(string path, string format, CancellationToken ct)
    {
        if (format == "jsonl")
        {
            long lines = 0;
            using var reader = new StreamReader(path);
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (line.Length > 0)
                {
                    lines++;
                }
            }

            return lines;
        }

        await using var stream = File.OpenRead(path);
        await using var parquet = await ParquetReader.CreateAsync(stream, cancellationToken: ct).ConfigureAwait(false);
        return parquet.Metadata?.NumRows ?? throw new InvalidDataException($"'{path}' has no Parquet footer");
    }

    /// <summary>Whether the file has a column <paramref name="column"/>: in its Parquet schema, or in the first row of a JSON Lines file. An unreadable file has none.</summary>
    public static async Task<bool> HasColumnAsync(string path, string format, string column, CancellationToken ct)
    {
        try
        {
            if (format == "jsonl")
            {
                using var reader = new StreamReader(path);
                while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
                {
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    using var row = JsonDocument.Parse(line);
                    return row.RootElement.ValueKind == JsonValueKind.Object && row.RootElement.TryGetProperty(column, out _);
                }

                return false;
            }

            await using var stream = File.OpenRead(path);
            await using var parquet = await ParquetReader.CreateAsync(stream, cancellationToken: ct).ConfigureAwait(false);
            return parquet.Schema.DataFields.Any(f => f.Name == column);
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>
    /// The values of column <paramref name="keyColumn"/> in file order, as the invariant text stores exchange keys in (integers and
    /// decimals as written, text as is, uuids in lower case, dates <c>yyyy-MM-dd</c>, timestamps <c>yyyy-MM-dd HH:mm:ss[.ffffff]</c>).
    /// Used to rebuild a damaged manifest from its data object.
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be read, has no such column, or holds a null key.</exception>
    public static async Task<IReadOnlyList<string>> ReadKeysAsync(string path, string format, string keyColumn, CancellationToken ct)
    {
        var keys = new List<string>();
        if (format == "jsonl")
        {
            using var reader = new StreamReader(path);
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                try
                {
                    using var row = JsonDocument.Parse(line);
                    if (!row.RootElement.TryGetProperty(keyColumn, out var key) || key.ValueKind == JsonValueKind.Null)
                    {
                        throw new InvalidDataException($"a row of '{path}' has no key '{keyColumn}'");
                    }

                    keys.Add(key.ValueKind == JsonValueKind.String ? key.GetString()! : key.GetRawText());
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"'{path}' is not JSON Lines: {ex.Message}", ex);
                }
            }

            return keys;
        }

        await using var stream = File.OpenRead(path);
        await using var parquet = await ParquetReader.CreateAsync(stream, cancellationToken: ct).ConfigureAwait(false);
        var field = parquet.Schema.DataFields.FirstOrDefault(f => f.Name == keyColumn)
            ?? throw new InvalidDataException($"'{path}' has no column '{keyColumn}'");
        for (var group = 0; group < parquet.RowGroupCount; group++)
        {
            using var rows = parquet.OpenRowGroupReader(group);
            foreach (var value in await ColumnAsync(rows, field, ct).ConfigureAwait(false))
            {
                keys.Add(KeyText(value) ?? throw new InvalidDataException($"'{path}' holds a null key"));
            }
        }

        return keys;
    }

    private static async Task<object?[]> ColumnAsync(ParquetRowGroupReader rows, DataField field, CancellationToken ct)
    {
        var type = field.ClrType;
        if (type == typeof(long))
        {
            return await ValuesAsync<long>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(int))
        {
            return await ValuesAsync<int>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(short))
        {
            return await ValuesAsync<short>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(ulong))
        {
            return await ValuesAsync<ulong>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(uint))
        {
            return await ValuesAsync<uint>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(decimal))
        {
            return await ValuesAsync<decimal>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(double))
        {
            return await ValuesAsync<double>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(Guid))
        {
            return await ValuesAsync<Guid>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(DateTime))
        {
            return await ValuesAsync<DateTime>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(DateOnly))
        {
            return await ValuesAsync<DateOnly>(rows, field, ct).ConfigureAwait(false);
        }

        if (type == typeof(bool))
        {
            return await ValuesAsync<bool>(rows, field, ct).ConfigureAwait(false);
        }

        if (type != typeof(string))
        {
            throw new InvalidDataException($"key column '{field.Name}' has a type ({type.Name}) keys are never archived as");
        }

        var texts = new string?[rows.RowCount];
        await rows.ReadAsync(field, texts.AsMemory(), null, ct).ConfigureAwait(false);
        return texts;
    }

    private static async Task<object?[]> ValuesAsync<T>(ParquetRowGroupReader rows, DataField field, CancellationToken ct) where T : struct
    {
        if (!field.IsNullable)
        {
            var required = new T[rows.RowCount];
            await rows.ReadAsync(field, required.AsMemory(), null, ct).ConfigureAwait(false);
            return required.Select(v => (object?)v).ToArray();
        }

        var values = new T?[rows.RowCount];
        await rows.ReadAsync(field, values.AsMemory(), null, ct).ConfigureAwait(false);
        return values.Select(v => (object?)v).ToArray();
    }

    private static string? KeyText(object? value) => value switch
    {
        null => null,
        string s => s,
        Guid g => g.ToString("D"),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
