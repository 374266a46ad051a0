using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace PolicyLang.Editor.Tests;

/// <summary>editors/vscode packaged by vsce as users install it, and its client's behaviour when policyc is missing.</summary>
public sealed class VsCodeExtensionTests
{
    [Fact]
    public void Vsce_packages_a_vsix_with_the_grammar_the_configuration_and_the_client()
    {
        using var scratch = new ScratchFolder();
        var vsix = Path.Combine(scratch.Path, "policylang.vsix");
        var result = EditorTools.Node(EditorTools.Extension, EditorTools.Bin(Path.Combine("@vscode", "vsce", "vsce")), "package", "--allow-missing-repository", "--out", vsix);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(vsix), result.ToString());

        using var zip = ZipFile.OpenRead(vsix);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("extension/package.json", entries);
        Assert.Contains("extension/extension.js", entries);
        Assert.Contains("extension/language-configuration.json", entries);
        Assert.Contains("extension/syntaxes/gov.tmLanguage.json", entries);
        Assert.Contains("extension/node_modules/vscode-languageclient/lib/node/main.js", entries);
        Assert.Contains("extension/LICENSE.txt", entries);
        Assert.Contains("extension/readme.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("extension/node_modules/vscode-tmgrammar-test/", StringComparison.Ordinal)
            || e.StartsWith("extension/node_modules/@vscode/vsce/", StringComparison.Ordinal)
            || e.StartsWith("extension/node_modules/tm-grammars/", StringComparison.Ordinal)
            || e.EndsWith(".vsix", StringComparison.Ordinal));

        Assert.Equal(File.ReadAllText(EditorTools.Grammar), Read(zip, "extension/syntaxes/gov.tmLanguage.json"));
        Assert.Equal(File.ReadAllText(Path.Combine(EditorTools.Extension, "language-configuration.json")), Read(zip, "extension/language-configuration.json"));

        var manifest = JsonNode.Parse(Read(zip, "extension/package.json"))!;
        var language = manifest["contributes"]!["languages"]![0]!;
        Assert.Equal(".gov", (string)language["extensions"]![0]!);
        Assert.Equal("./language-configuration.json", (string)language["configuration"]!);
        var grammar = manifest["contributes"]!["grammars"]![0]!;
        Assert.Equal("source.gov", (string)grammar["scopeName"]!);
        Assert.Equal("./syntaxes/gov.tmLanguage.json", (string)grammar["path"]!);
        Assert.Equal("policyc", (string)manifest["contributes"]!["configuration"]!["properties"]!["policylang.server.path"]!["default"]!);

        // The packaged client runs from the .vsix's own node_modules (no devDependency, no build step needed).
        zip.ExtractToDirectory(Path.Combine(scratch.Path, "installed"));
        var check = ClientCheck(Path.Combine(scratch.Path, "installed", "extension"), "policyc-not-on-path");
        Assert.Single(check.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public void A_missing_server_executable_gets_a_clear_message_naming_the_setting()
    {
        var check = ClientCheck(EditorTools.Extension, "/opt/nowhere/policyc");
        var error = Assert.Single(check.GetProperty("errors").EnumerateArray());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("`/opt/nowhere/policyc` was not found", message, StringComparison.Ordinal);
        Assert.Contains("policylang.server.path", message, StringComparison.Ordinal);
        Assert.Contains("Open Settings", error.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Contains(message, check.GetProperty("output").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public void The_client_reads_its_settings_registers_the_declared_commands_and_finds_executables_on_path()
    {
        var check = ClientCheck(EditorTools.Extension, "policyc-not-on-path");
        Assert.Equal(["policylang.server.path", "policylang.server.args"], check.GetProperty("settingsRead").EnumerateArray().Select(s => s.GetString()));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(EditorTools.Extension, "package.json")))!;
        var declared = manifest["contributes"]!["commands"]!.AsArray().Select(c => (string)c!["command"]!).Order(StringComparer.Ordinal);
        Assert.Equal(declared, check.GetProperty("commands").EnumerateArray().Select(c => c.GetString()!).Order(StringComparer.Ordinal));
        Assert.EndsWith($"{Path.DirectorySeparatorChar}node", check.GetProperty("nodeOnPath").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_server_path_is_found_in_the_workspace_folder_and_a_folder_is_not_an_executable()
    {
        using var workspace = new ScratchFolder();
        Directory.CreateDirectory(Path.Combine(workspace.Path, "tools", "policyc-folder"));
        File.WriteAllText(Path.Combine(workspace.Path, "tools", "policyc"), "#!/bin/sh\n");

        var found = ClientCheck(EditorTools.Extension, "policyc-not-on-path", "./tools/policyc", workspace.Path);
        Assert.Equal(Path.Combine(workspace.Path, "tools", "policyc"), found.GetProperty("lookedUp").GetString());

        var folder = ClientCheck(EditorTools.Extension, "policyc-not-on-path", "tools/policyc-folder", workspace.Path);
        Assert.Equal(JsonValueKind.Null, folder.GetProperty("lookedUp").ValueKind);
    }

    private static JsonElement ClientCheck(string extensionFolder, string serverPath, params string[] lookup)
    {
        var result = EditorTools.Node(EditorTools.Root, Path.Combine(EditorTools.TestProject, "client-check.js"), [extensionFolder, serverPath, .. lookup]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    private static string Read(ZipArchive zip, string entry)
    {
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    private sealed class ScratchFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("policylang-vsix-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
