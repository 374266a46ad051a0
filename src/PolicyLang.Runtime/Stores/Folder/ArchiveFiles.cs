using Parquet;

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
                if (line.Length > 0) lines++;
            return lines;
        }
        await using var stream = File.OpenRead(path);
        await using var parquet = await ParquetReader.CreateAsync(stream, cancellationToken: ct).ConfigureAwait(false);
        return parquet.Metadata?.NumRows ?? throw new InvalidDataException($"'{path}' has no Parquet footer");
    }
}
