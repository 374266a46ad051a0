using System.Globalization;
using System.Text;
using Microsoft.Build.Framework;
using PolicyLang.Compiler;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Controls;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Docs;
using PolicyLang.Core.Emit;
using PolicyLang.Core.Text;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace PolicyLang.Build;

/// <summary>
/// <c>dotnet build</c> of a policy project: all <c>PolicyFile</c> items form one policy, which is checked, documented
/// (compliance.md/json) and compiled into <c>&lt;identity&gt;.Enforcement.dll</c> (the policy's <c>name</c>, else a slug of its title). Nothing is written when there are errors,
/// so the target's Inputs/Outputs check re-runs it on the next build.
/// </summary>
public sealed class CompilePolicy : MSBuildTask
{
    /// <summary>The policy's <c>.gov</c> files.</summary>
    [Required]
    public ITaskItem[] Sources { get; set; } = [];

    /// <summary>
    /// <c>PolicyLangPolicyName</c>, when the project sets it. It named the policy before the identity came from the policy itself;
    /// now it is only a previous name (interrupted batches archived under it are finished) and a warning says how to keep it.
    /// </summary>
    public string? PolicyName { get; set; }

    /// <summary>The project's name: earlier versions named the policy after it (non <c>[A-Za-z0-9_-]</c> → <c>-</c>).</summary>
    public string? ProjectName { get; set; }

    /// <summary>Intermediate folder for the assembly, the generated C# and the documents.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Source paths in documents and <c>#line</c> directives are relative to this folder (reproducible builds).</summary>
    public string ProjectDirectory { get; set; } = string.Empty;

    public bool Documents { get; set; } = true;

    public bool EnforcementAssembly { get; set; } = true;

    /// <summary><c>yyyy-MM-dd</c> to pin the date waivers are checked against; empty means today (UTC).</summary>
    public string? Today { get; set; }

    /// <summary>A <c>policyc run --json</c> report the documents' statuses are derived from (as <c>policyc docs --run-report</c>); empty: the policy alone.</summary>
    public string? RunReport { get; set; }

    /// <summary>Use a <see cref="RunReport"/> of another policy version, or older than the review period, flagged in the documents.</summary>
    public bool AcceptRunReport { get; set; }

    /// <summary><c>error</c> (default) or <c>warning</c>: how GOV0502 (a store kind whose runtime package is not installed) is reported.</summary>
    public string MissingStoreRuntime { get; set; } = "error";

    /// <summary>Report each diagnostic's end line and column too (MSBuild then prints <c>(line,col,endLine,endCol)</c>).</summary>
    public bool DiagnosticEndPosition { get; set; }

    public bool TreatWarningsAsErrors { get; set; }

    public string? NoWarn { get; set; }

    public string? WarningsAsErrors { get; set; }

    public string? WarningsNotAsErrors { get; set; }

    /// <summary>
    /// Written last, on success, listing the files this run wrote: the target's Outputs (so a failed or partial run is
    /// never "up to date") and what PolicyLangCollectOutputs copies and registers for Clean.
    /// </summary>
    public string? StampFile { get; set; }

    public override bool Execute()
    {
        if (!string.IsNullOrEmpty(PolicyName) && !IsSafeName(PolicyName))
        {
            Log.LogError(null, "PLB0001", null, null, 0, 0, 0, 0, $"PolicyLangPolicyName `{PolicyName}` must consist of letters, digits, '-' and '_'");
            return false;
        }

        if (!TryParseToday(out var today))
        {
            return false;
        }

        var projectDirectory = Path.GetFullPath(string.IsNullOrEmpty(ProjectDirectory) ? Directory.GetCurrentDirectory() : ProjectDirectory);
        var files = ReadSources(projectDirectory);
        if (files is null)
        {
            return false;
        }

        if (files.Count == 0)
        {
            // Nothing to check, document or compile: an empty stamp, so the outputs of earlier builds are cleaned away.
            WriteStamp([]);
            return true;
        }

        var compilation = PolicyCompilation.Create(files, today);
        var reporter = new DiagnosticReporter(
            Log,
            new WarningPolicy(TreatWarningsAsErrors, NoWarn, WarningsAsErrors, WarningsNotAsErrors),
            path => Path.GetFullPath(path, projectDirectory),
            DiagnosticEndPosition);
        reporter.Report(compilation.Diagnostics);
        if (reporter.Errors > 0 || Log.HasLoggedErrors)
        {
            return false;
        }

        WarnAboutPolicyNameProperty(compilation.Bound.Identity);
        Directory.CreateDirectory(OutputDirectory);
        var written = new List<string>();
        if (Documents && !WriteDocuments(compilation, today, written))
        {
            return false;
        }

        if (EnforcementAssembly && !BuildAssembly(compilation, reporter, written))
        {
            return false;
        }

        WriteStamp(written);
        return !Log.HasLoggedErrors;
    }

    // The identity comes from the policy in every host; a project-level name would make `dotnet build` differ from policyc.
    private void WarnAboutPolicyNameProperty(string identity)
    {
        if (!string.IsNullOrEmpty(PolicyName) && PolicyName != identity)
        {
            Log.LogWarning(null, "PLB0004", null, null, 0, 0, 0, 0,
                $"PolicyLangPolicyName `{PolicyName}` no longer names the policy: its identity `{identity}` comes from the policy block; "
                + $"to keep `{PolicyName}`, write `name \"{PolicyName}\"` in the policy block and remove the property");
        }
    }

    /// <summary>What earlier versions named this policy: the property when set, else the project's name (see docs/policy-identity.md).</summary>
    private IReadOnlyList<string> PreviousNames() =>
        new[] { PolicyName, ProjectName is { Length: > 0 } project ? LegacyProjectName(project) : null }
            .OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    // The targets' former default: Regex.Replace(MSBuildProjectName, '[^A-Za-z0-9_-]', '-').
    private static string LegacyProjectName(string project) =>
        new(project.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    // The stamp lists what this run wrote: a reader can tell a documents-only build (GOV0502 as a warning) apart.
    private void WriteStamp(List<string> written)
    {
        if (!string.IsNullOrEmpty(StampFile))
        {
            File.WriteAllLines(StampFile, written.Select(Path.GetFileName).OfType<string>());
        }
    }

    private bool BuildAssembly(PolicyCompilation compilation, DiagnosticReporter reporter, List<string> written)
    {
        var runtimeDirectory = TaskDirectory();
        // Checked before compiling, so GOV0502 points at each store declaration (the compiler would stop at the first).
        var missing = RuntimeStores.Missing(compilation.Bound.Stores, assembly => File.Exists(Path.Combine(runtimeDirectory, assembly + ".dll")));
        if (missing.Count > 0)
        {
            var severity = string.Equals(MissingStoreRuntime, "warning", StringComparison.OrdinalIgnoreCase) ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
            foreach (var diagnostic in missing)
            {
                reporter.Report(diagnostic, severity);
            }

            Log.LogMessage(MessageImportance.High, $"PolicyLang: no enforcement assembly for `{compilation.Bound.Identity}` (store runtimes missing); compliance documents were written to {OutputDirectory}");
            return reporter.Errors == 0;
        }

        // Sources are read relative to the project folder (ReadSources), which is also where relative store paths start.
        var outcome = PolicyBuild.Build(compilation, OutputDirectory, runtimeDirectory, sourceRoot: "", previousNames: PreviousNames());

        // PolicyBuild returns the policy's diagnostics again (already reported) followed by the C# compilation's.
        reporter.Report(outcome.Diagnostics.Skip(compilation.Diagnostics.Count));
        if (!outcome.Success)
        {
            return false;
        }

        written.Add(outcome.AssemblyPath!);
        written.Add(Path.ChangeExtension(outcome.AssemblyPath!, ".pdb"));
        var identity = compilation.Bound.Identity;
        written.Add(Path.Combine(OutputDirectory, $"{identity}.Enforcement.g.cs"));
        Log.LogMessage(MessageImportance.High, $"PolicyLang: {identity} -> {Path.GetFullPath(outcome.AssemblyPath!)}");
        return true;
    }

    private bool WriteDocuments(PolicyCompilation compilation, DateOnly today, List<string> written)
    {
        var options = string.IsNullOrEmpty(Today) ? DocumentOptions.Default : DocumentOptions.Default with { GeneratedOn = today };
        var coverage = compilation.Coverage;
        if (!string.IsNullOrEmpty(RunReport))
        {
            if (ReadRun(compilation, today) is not { } run)
            {
                return false;
            }

            coverage = coverage.WithRun(run);
            options = options with { Assessment = $"Derived from policy and run of {ComplianceDocument.Instant(run.RunAt)}" };
        }

        var markdown = Path.Combine(OutputDirectory, "compliance.md");
        var json = Path.Combine(OutputDirectory, "compliance.json");
        File.WriteAllText(markdown, ComplianceDocument.RenderMarkdown(compilation.Bound, coverage, options), Encoding.UTF8);
        File.WriteAllText(json, ComplianceDocument.RenderJson(compilation.Bound, coverage, options), Encoding.UTF8);
        written.Add(markdown);
        written.Add(json);
        return true;
    }

    // The run report, as `policyc docs --run-report` reads it: refused (an error, no documents) when stale or of another version.
    private RunOutcome? ReadRun(PolicyCompilation compilation, DateOnly today)
    {
        try
        {
            var run = RunReportReader.Read(File.ReadAllText(RunReport!), compilation.Bound);
            if (run.Refusal(compilation.Bound, today) is not { } refusal)
            {
                return run;
            }

            if (AcceptRunReport)
            {
                return run with { AcceptedDespite = refusal };
            }

            Log.LogError($"PolicyLang: the run report '{RunReport}' is refused: {refusal}; run the policy again, or set PolicyLangAcceptRunReport=true to use it anyway (the documents flag it)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            Log.LogError($"PolicyLang: cannot use the run report '{RunReport}': {e.Message}");
        }

        return null;
    }

    private List<SourceFile>? ReadSources(string projectDirectory)
    {
        var files = new List<SourceFile>();
        foreach (var item in Sources.DistinctBy(i => Path.GetFullPath(i.ItemSpec, projectDirectory)))
        {
            var full = Path.GetFullPath(item.ItemSpec, projectDirectory);
            try
            {
                var relative = Path.GetRelativePath(projectDirectory, full).Replace('\\', '/');
                files.Add(new SourceFile(relative, File.ReadAllText(full)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.LogError(null, "PLB0002", null, full, 0, 0, 0, 0, $"cannot read the policy file: {ex.Message}");
            }
        }

        if (files.Count == 0 && !Log.HasLoggedErrors)
        {
            Log.LogWarning(null, "PLB0003", null, null, 0, 0, 0, 0, "the project has no PolicyFile items (.gov files); nothing to check");
        }

        return Log.HasLoggedErrors ? null : files;
    }

    private bool TryParseToday(out DateOnly today)
    {
        if (string.IsNullOrEmpty(Today))
        {
            today = DateOnly.FromDateTime(DateTime.UtcNow);
            return true;
        }

        if (DateOnly.TryParseExact(Today, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out today))
        {
            return true;
        }

        Log.LogError(null, "PLB0001", null, null, 0, 0, 0, 0, $"PolicyLangToday `{Today}` is not a date in the form yyyy-MM-dd");
        return false;
    }

    // Inside MSBuild AppContext.BaseDirectory is MSBuild's folder; the runtime assemblies ship next to this task.
    private static string TaskDirectory() => Path.GetDirectoryName(typeof(CompilePolicy).Assembly.Location)!;

    private static bool IsSafeName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
