using Amazon.S3;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.S3;

/// <summary>
/// An s3 store's resolved settings. Credentials are never settings (the language rejects them, GOV0001): the client takes them
/// from the standard AWS chain (environment, profile, SSO, web identity, container or instance role).
/// </summary>
internal sealed record S3Settings(
    string Store,
    string Bucket,
    string Region,
    string? Endpoint,
    string StorageClassName,
    S3StorageClass StorageClass,
    string? Encryption,
    string? KmsKeyId)
{
    /// <summary>Policy spelling → the S3 API's storage class.</summary>
    public static readonly IReadOnlyDictionary<string, S3StorageClass> StorageClasses = new Dictionary<string, S3StorageClass>(StringComparer.Ordinal)
    {
        ["standard"] = S3StorageClass.Standard,
        ["standard-ia"] = S3StorageClass.StandardInfrequentAccess,
        ["glacier-instant-retrieval"] = S3StorageClass.GlacierInstantRetrieval,
        ["glacier-flexible-retrieval"] = S3StorageClass.Glacier,
        ["deep-archive"] = S3StorageClass.DeepArchive,
    };

    /// <summary>Where the store is, for messages: the endpoint when set, else the AWS region.</summary>
    public string Where => Endpoint ?? $"AWS region {Region}";

    /// <summary>Reads and validates the settings of <paramref name="store"/>; every problem is a <see cref="RunException"/> naming the setting.</summary>
    public static S3Settings Read(StoreModel store, StoreContext context)
    {
        var bucket = context.GetRequired(store, "bucket");
        var endpoint = context.Get(store, "endpoint");
        if (endpoint is not null && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            throw new RunException($"store '{store.Name}': setting 'endpoint' must be an absolute URL such as https://s3.example.org");
        }

        var region = context.Get(store, "region") ?? "us-east-1";

        var className = context.Get(store, "storage-class") ?? "standard";
        if (!StorageClasses.TryGetValue(className, out var storageClass))
        {
            throw new RunException($"store '{store.Name}': storage-class '{className}' is not one of {string.Join(", ", StorageClasses.Keys)}");
        }

        var encryption = context.Get(store, "encryption");
        var keyId = context.Get(store, "encryption-key");
        switch (encryption)
        {
            case null or "aes256":
                if (keyId is not null)
                {
                    throw new RunException($"store '{store.Name}': setting 'encryption-key' needs 'encryption kms'");
                }

                break;
            case "kms":
                if (keyId is null)
                {
                    throw new RunException($"store '{store.Name}': 'encryption kms' needs the KMS key id in setting 'encryption-key'");
                }

                break;
            default:
                throw new RunException($"store '{store.Name}': encryption '{encryption}' is not one of aes256, kms");
        }

        return new S3Settings(store.Name, bucket, region, endpoint, className, storageClass, encryption, keyId);
    }

    /// <summary>The SSE method the store's uploads request, or null for none.</summary>
    public ServerSideEncryptionMethod? EncryptionMethod => Encryption switch
    {
        "aes256" => ServerSideEncryptionMethod.AES256,
        "kms" => ServerSideEncryptionMethod.AWSKMS,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => $"s3 store '{Store}' (bucket '{Bucket}', {Where})";
}
