using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.S3;

// A backup's copies (`evidence in <store> prefix "..."`): the objects under the prefix, listed page by page.
public sealed partial class S3Store : IBackupCopies
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredCopy>> ListCopiesAsync(string prefix, CancellationToken ct)
    {
        var copies = new List<StoredCopy>();
        await foreach (var item in ListAsync(prefix, ct).ConfigureAwait(false))
        {
            copies.Add(new StoredCopy(item.Key, LastModified(item)));
        }

        return copies;
    }
}
