using System.CommandLine;
using PolicyLang.LanguageServer;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc lsp`: the language server for editors, over standard input and output (docs/language-server.md).</summary>
internal static class LspCommand
{
    public static Command Create()
    {
        // Clients (vscode-languageclient, some Neovim setups) pass --stdio; it is the only transport, so it is accepted and changes nothing.
        var stdio = new Option<bool>("--stdio") { Description = "Talk LSP over standard input and output (the default and only transport)." };
        var command = new Command("lsp", "Run the language server (LSP 3.17) over standard input and output, for editors: diagnostics, outline, folding, highlighting, formatting and more.")
        {
            stdio,
        };
        command.SetAction(result => Cli.GuardAsync(result, () =>
            LanguageServerHost.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error)));
        return command.WithHelp(
            [(0, "the client sent `shutdown` then `exit`"), (1, "the client sent `exit` without `shutdown`, or closed the connection")],
            "policyc lsp",
            "nvim: vim.lsp.start_client{ cmd = { 'policyc', 'lsp' }, root_dir = '<policy folder>' }");
    }
}
