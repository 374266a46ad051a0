namespace PolicyLang.Build.Tests.Infrastructure;

/// <summary>
/// The `dotnet build` tests: one collection, so they run one after another (each build uses both cores) and share one
/// pack of the packages.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BuildCollection : ICollectionFixture<LocalPackages>
{
    public const string Name = "dotnet build";
}
