namespace PolicyLang.Contracts;

/// <summary>How a dataset is addressed inside its store (<c>dataset d in store table "t"</c>).</summary>
public enum LocationKind
{
    /// <summary>A SQL table (<c>schema.table</c> or <c>table</c>).</summary>
    Table,
    /// <summary>A MongoDB collection.</summary>
    Collection,
    /// <summary>An S3 key prefix.</summary>
    Prefix,
    /// <summary>A file in a folder or embedded store.</summary>
    File,
}
