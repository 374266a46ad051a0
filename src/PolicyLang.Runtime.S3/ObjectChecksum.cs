using System.Security.Cryptography;

namespace PolicyLang.Runtime.S3;

/// <summary>
/// The SHA-256 checksum S3 reports for an object (<c>x-amz-checksum-sha256</c>): for a single PUT, base64 of the object's
/// SHA-256; for a multipart upload, the composite base64(SHA-256(concatenated part digests)) followed by <c>-&lt;parts&gt;</c>.
/// </summary>
internal static class ObjectChecksum
{
    /// <summary>Base64 of the raw digest written as lower-case hex.</summary>
    public static string FromHex(string hex) => Convert.ToBase64String(Convert.FromHexString(hex));

    /// <summary>The composite checksum S3 reports for a multipart object with these part digests.</summary>
    public static string Composite(IReadOnlyList<byte[]> partDigests)
    {
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var digest in partDigests)
        {
            all.AppendData(digest);
        }

        return $"{Convert.ToBase64String(all.GetHashAndReset())}-{partDigests.Count}";
    }

    /// <summary>SHA-256 of each <paramref name="partSize"/>-byte part of <paramref name="path"/>, read one part at a time.</summary>
    public static async Task<List<byte[]>> PartDigestsAsync(string path, long partSize, CancellationToken ct)
    {
        var digests = new List<byte[]>();
        var buffer = new byte[81920];
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long inPart = 0;
        int read;
        while ((read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, partSize - inPart)), ct).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            inPart += read;
            if (inPart == partSize)
            {
                digests.Add(hash.GetHashAndReset());
                inPart = 0;
            }
        }

        if (inPart > 0 || digests.Count == 0)
        {
            digests.Add(hash.GetHashAndReset());
        }

        return digests;
    }
}
