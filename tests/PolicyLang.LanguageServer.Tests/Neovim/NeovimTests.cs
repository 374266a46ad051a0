using PolicyLang.LanguageServer.Tests.Support;
using Xunit;

namespace PolicyLang.LanguageServer.Tests.Neovim;

/// <summary>
/// Headless Neovim (0.7, its built-in LSP client) drives the real <c>policyc lsp</c> process on a copy of
/// examples/astronomy-lab. Each file of <c>Neovim/cases/</c> is one test: add a case file to add a test (harness.lua
/// has the helpers: open, diagnostics, request, replace, policyc, equal).
/// </summary>
public sealed class NeovimTests
{
    private static string Folder => Path.Combine(RepositoryPaths.TestProject("PolicyLang.LanguageServer.Tests"), "Neovim");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Folder, "cases"), "*.lua").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Neovim_case(string name)
    {
        var nvim = ExternalProcess.Require("nvim");
        using var policy = TempPolicy.CopyOfExample("astronomy-lab");
        var result = ExternalProcess.Run(
            nvim,
            ["--headless", "--clean", "-u", "NONE", "-c", $"luafile {Path.Combine(Folder, "harness.lua")}"],
            policy.Path,
            new Dictionary<string, string>
            {
                ["POLICYC"] = string.Join('\t', ExternalProcess.ServerCommand),
                ["POLICY"] = policy.Path,
                ["CASE"] = Path.Combine(Folder, "cases", name + ".lua"),
            });
        Assert.True(result.ExitCode == 0, $"Neovim case {name} failed (exit {result.ExitCode}):\n{result.Stderr}\n{result.Stdout}");
    }
}
