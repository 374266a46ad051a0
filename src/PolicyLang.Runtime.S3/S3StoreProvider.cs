using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.S3;

/// <summary>
/// Opens <c>s3</c> stores: archive targets (Parquet batches with manifests, verified before the source deletes) and
/// prefix datasets (object count, object age, retention by last-modified). Generated code registers it with
/// <c>registry.Add(new global::PolicyLang.Runtime.S3.S3StoreProvider())</c>.
/// </summary>
public sealed class S3StoreProvider : IStoreProvider, IStorePlanner
{
    /// <inheritdoc />
    public void WritePlan(PolicyModel policy, StoreModel store, DateTimeOffset now, TextWriter writer) => S3PlanWriter.Write(policy, store, now, writer);

    private readonly S3StoreOptions options;

    /// <summary>A provider with default options.</summary>
    public S3StoreProvider() : this(new S3StoreOptions()) { }

    /// <summary>A provider with host- or test-specific <paramref name="options"/>.</summary>
    public S3StoreProvider(S3StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PartSize < S3StoreOptions.MinimumPartSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PartSize, $"part size must be at least {S3StoreOptions.MinimumPartSize} bytes");
        }

        this.options = options;
    }

    /// <inheritdoc />
    public string Kind => "s3";

    /// <inheritdoc />
    public IStore Open(StoreModel store, StoreContext context)
    {
        var settings = S3Settings.Read(store, context);
        return new S3Store(store, settings, options, S3Client.Create(settings, options, context.Remote), context);
    }
}
