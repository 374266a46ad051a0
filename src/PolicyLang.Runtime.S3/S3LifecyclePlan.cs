namespace PolicyLang.Runtime.S3;

/// <summary>The S3 Lifecycle configuration equivalent to a policy's prefix retention, per bucket, and what only the runner can do.</summary>
/// <param name="Buckets">One configuration per s3 store that needs rules.</param>
/// <param name="RunnerOnly">Obligations S3 cannot enforce server-side (checks, archiving to Parquet, exact cutoffs, audit).</param>
public sealed record S3LifecyclePlan(IReadOnlyList<S3BucketLifecycle> Buckets, IReadOnlyList<string> RunnerOnly);

/// <summary>The lifecycle rules of one bucket.</summary>
/// <param name="Store">The s3 store's name in the policy.</param>
/// <param name="Bucket">The bucket, or <c>${VAR}</c> when the policy reads it from the environment.</param>
/// <param name="Rules">The rules, in policy order.</param>
public sealed record S3BucketLifecycle(string Store, string Bucket, IReadOnlyList<S3LifecycleRule> Rules);

/// <summary>One lifecycle rule, filtered by key prefix.</summary>
/// <param name="Id">Rule id: <c>policylang-&lt;policy&gt;-&lt;dataset or purpose&gt;</c>.</param>
/// <param name="Prefix">The key prefix the rule applies to.</param>
/// <param name="ExpirationDays">Expire (delete) current objects this many days after creation, when set.</param>
/// <param name="AbortIncompleteMultipartUploadDays">Abort unfinished multipart uploads this many days after they began, when set.</param>
/// <param name="Reason">What in the policy the rule enforces, for the operator.</param>
public sealed record S3LifecycleRule(string Id, string Prefix, int? ExpirationDays, int? AbortIncompleteMultipartUploadDays, string Reason);
