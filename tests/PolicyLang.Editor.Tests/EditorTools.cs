using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace PolicyLang.Editor.Tests;

/// <summary>
/// The repository's editor files and the npm tools that check them. The tools are installed from
/// editors/vscode/package-lock.json (scripts/services/node-editor-tools.sh; here too when missing, so a lone
/// <c>dotnet test</c> works).
/// </summary>
internal static class EditorTools
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", ".."));

    public static string Extension => InRoot("editors", "vscode");

    public static string NodeModules => Path.Combine(Extension, "node_modules");

    public static string Grammar => InRoot("grammar", "gov.tmLanguage.json");

    /// <summary>The C# grammar (dotnet/csharp-tmLanguage, as VS Code ships it) that the .gov grammar embeds in `expect csharp` rules.</summary>
    public static string CSharpGrammar => Path.Combine(NodeModules, "tm-grammars", "grammars", "csharp.json");

    public static string TestProject => Path.GetDirectoryName(ThisFile())!;

    public static string InRoot(params string[] parts) => Path.Combine([Root, .. parts]);

    private static readonly Lazy<bool> Installed = new(Install);

    /// <summary>Runs a JavaScript file with node, after making sure the npm tools are installed.</summary>
    public static ProcessResult Node(string workingDirectory, string script, params string[] args)
    {
        _ = Installed.Value;
        return Run("node", workingDirectory, [script, .. args]);
    }

    public static string Bin(string tool) => Path.Combine(NodeModules, tool);

    private static bool Install()
    {
        var marker = Path.Combine(NodeModules, ".package-lock.json");
        if (File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(Path.Combine(Extension, "package-lock.json")))
        {
            return true;
        }

        var result = Run("npm", Extension, ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in editors/vscode failed (the editor tests need node and npm):\n{result}");
        }

        return true;
    }

    public static ProcessResult Run(string fileName, string workingDirectory, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish in 5 minutes");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}

internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
