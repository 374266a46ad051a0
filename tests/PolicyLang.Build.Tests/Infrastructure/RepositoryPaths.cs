namespace PolicyLang.Build.Tests.Infrastructure;

/// <summary>Where the repository and its sample projects are, found from the test assembly's folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Projects => Path.Combine(Root, "tests", "PolicyLang.Build.Tests", "Projects");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolicyLang.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PolicyLang.sln not found above " + AppContext.BaseDirectory);
    }
}
