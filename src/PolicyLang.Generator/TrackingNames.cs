namespace PolicyLang.Generator;

/// <summary>Names of the pipeline steps, so a test can assert each came back Cached/Unchanged on a second run.</summary>
internal static class TrackingNames
{
    public const string PolicySources = nameof(PolicySources);
    public const string PolicyFiles = nameof(PolicyFiles);
    public const string Settings = nameof(Settings);
    public const string RuntimeAssemblies = nameof(RuntimeAssemblies);
    public const string Input = nameof(Input);
    public const string Policy = nameof(Policy);
}
