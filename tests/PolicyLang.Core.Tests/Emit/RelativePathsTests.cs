using PolicyLang.Core.Emit;
using Xunit;

namespace PolicyLang.Core.Tests.Emit;

/// <summary>Core computes store paths as text (no System.IO.Path, which asks the machine): the cases the emitter meets.</summary>
public sealed class RelativePathsTests
{
    [Theory]
    [InlineData("", "", ".")]
    [InlineData("", "stores", "stores")]
    [InlineData("", "./stores/", "stores")]
    [InlineData("/repo/policies", "/repo/policies/stores", "stores")]
    [InlineData("/repo/policies", "/repo/shared", "../shared")]
    [InlineData("/repo/policies/", "/repo/policies", ".")]
    [InlineData("/repo/a/../policies", "/repo/policies/x", "x")]
    [InlineData(@"C:\repo\policies", @"C:\repo\policies\stores", "stores")]
    [InlineData("", "../shared", "../shared")]
    [InlineData("/", "/x/y", "x/y")]
    public void Folder_as_seen_from_the_root(string root, string folder, string expected) =>
        Assert.Equal(expected, RelativePaths.From(root, folder));

    [Theory]
    [InlineData("/repo", "stores")]
    [InlineData("", "/repo/stores")]
    [InlineData("../up", "here")]
    public void No_answer_without_the_machine(string root, string folder) =>
        Assert.Null(RelativePaths.From(root, folder));

    [Theory]
    [InlineData("stores/db.gov", "stores")]
    [InlineData(@"stores\db.gov", "stores")]
    [InlineData("db.gov", "")]
    [InlineData("/db.gov", "/")]
    public void Folder_of_a_file(string file, string folder) => Assert.Equal(folder, RelativePaths.Folder(file));

    [Theory]
    [InlineData("/var/archive", true)]
    [InlineData(@"\\server\share", true)]
    [InlineData(@"D:\data", true)]
    [InlineData("lab.duckdb", false)]
    [InlineData("./lab.duckdb", false)]
    public void Rooted_paths(string path, bool rooted) => Assert.Equal(rooted, RelativePaths.IsRooted(path));
}
