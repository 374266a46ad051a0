using PolicyLang.LanguageServer.Tests.Support;
using Xunit;

namespace PolicyLang.LanguageServer.Tests.Node;

/// <summary>
/// The LSP client library VS Code's extension uses (vscode-languageserver-protocol over vscode-jsonrpc, from Node) talks
/// to the real <c>policyc lsp</c>: semantic tokens, which Neovim 0.7 cannot request.
/// </summary>
public sealed class NodeClientTests
{
    [Fact]
    public void Semantic_tokens_through_the_vscode_protocol_client()
    {
        var node = ExternalProcess.Require("node");
        var modules = RepositoryPaths.InRoot(".build", "lsp-node", "node_modules");
        Assert.True(Directory.Exists(Path.Combine(modules, "vscode-languageserver-protocol")), $"{modules} lacks the Node LSP client: scripts/services/neovim.sh installs it");
        using var policy = TempPolicy.CopyOfExample("astronomy-lab");
        var script = Path.Combine(RepositoryPaths.TestProject("PolicyLang.LanguageServer.Tests"), "Node", "semantic-tokens.mjs");
        var result = ExternalProcess.Run(node, [script, policy.Path, .. ExternalProcess.ServerCommand], policy.Path, new Dictionary<string, string> { ["NODE_PATH"] = modules });
        Assert.True(result.ExitCode == 0, $"node client failed (exit {result.ExitCode}):\n{result.Stderr}\n{result.Stdout}");
        Assert.Contains("10 checked", result.Stdout, StringComparison.Ordinal);
    }
}
