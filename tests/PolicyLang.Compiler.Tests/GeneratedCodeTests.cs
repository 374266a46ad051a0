using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Text;
using PolicyLang.Testing;
using Xunit;

namespace PolicyLang.Compiler.Tests;

/// <summary>
/// Every sample that checks without errors is emitted (baselined as main.g.cs) and compiled by
/// Roslyn with zero diagnostics, warnings included.
/// </summary>
public sealed class GeneratedCodeTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var name in PolicyLang.Testing.Samples.SingleFile)
        {
            if (!Compile(name).HasErrors)
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Generated_code_matches_baseline_and_compiles_without_diagnostics(string sample)
    {
        var compilation = Compile(sample);
        var emitted = PolicyBuild.Generate(compilation, sample);
        Baseline.Match(PolicyLang.Testing.Samples.BaselinePath(sample, "main.g.cs"), emitted.Source);

        var missing = emitted.RuntimeAssemblies.Where(a => !File.Exists(Path.Combine(AppContext.BaseDirectory, a + ".dll"))).ToArray();
        if (missing.Length > 0)
        {
            // The store packages of this sample are not built in this repository yet: the compiler must say so.
            var unavailable = EnforcementCompiler.Compile(emitted);
            Assert.All(unavailable.Diagnostics, d => Assert.Equal("GOV0502", d.Code));
            return;
        }

        var result = EnforcementCompiler.Compile(emitted);
        Assert.Empty(result.Diagnostics.Select(d => d.ToCanonicalString()));
        Assert.True(result.RoslynDiagnostics.Count == 0, string.Join("\n", result.RoslynDiagnostics));
        Assert.True(result.Success);
    }

    [Fact]
    public void A_csharp_rule_that_does_not_compile_is_reported_at_the_rule_in_the_gov_file()
    {
        const string policy = """
            policy "p" { version "1" owner "o" review every 1 year }
            classification public
            store local duckdb { file "x.duckdb" }
            dataset d in local table "t" {
              owner "o" classification public
              expect csharp "doc.size <" as broken
            }
            """;
        var file = new SourceFile("broken.gov", policy);
        var compilation = PolicyCompilation.Create([file], Today);
        Assert.False(compilation.HasErrors);
        var result = EnforcementCompiler.Compile(PolicyBuild.Generate(compilation, "broken"));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("GOV0501", error.Code);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("\"doc.size <\"", file.GetText(error.Span));
        Assert.StartsWith("broken.gov(6,17): error GOV0501: C# error in rule `broken` of dataset `d`:", error.ToCanonicalString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lab", "stores/lab.duckdb", "stores/archive")]
    [InlineData("lab/", "stores/lab.duckdb", "stores/archive")]
    [InlineData(null, "lab.duckdb", "archive")]
    public void Relative_store_paths_are_read_from_the_declaring_file_seen_from_the_source_root(string? root, string file, string folder)
    {
        // LANGUAGE.md: `file` and `path` are relative to the `.gov` file. The run resolves them against the policy's folder, so
        // a store declared in lab/stores/db.gov names lab/stores/lab.duckdb; absolute paths and the root's own files are as written.
        var main = new SourceFile("lab/main.gov", """
            policy "p" { version "1" owner "o" review every 1 year }
            classification public
            store local duckdb { file "here.duckdb" }
            store pinned folder { path "/var/archive" }
            dataset d in db table "t" { owner "o" classification public key id retain 1 day by ts then archive to cold as parquet then delete }
            """);
        var stores = new SourceFile("lab/stores/db.gov", """
            store db duckdb { file "lab.duckdb" }
            store cold folder { path "archive" }
            """);
        var compilation = PolicyCompilation.Create([main, stores], Today);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        var source = PolicyBuild.Generate(compilation, "lab", root).Source;
        Assert.Contains($"[\"file\"] = SettingValue.Of(\"{file}\")", source);
        Assert.Contains($"[\"path\"] = SettingValue.Of(\"{folder}\")", source);
        Assert.Contains("[\"file\"] = SettingValue.Of(\"here.duckdb\")", source);
        Assert.Contains("[\"path\"] = SettingValue.Of(\"/var/archive\")", source);
    }

    [Theory]
    [InlineData("GOV0501")]
    [InlineData("GOV0502")]
    public void Emit_stage_examples_produce_their_code(string code)
    {
        var descriptor = DiagnosticCatalog.Find(code)!;
        var compilation = PolicyCompilation.Create([new SourceFile("example.gov", DiagnosticExamples.Complete(descriptor.Example))], Today);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        // An empty runtime folder stands for an installation without that store's package.
        var runtime = code == "GOV0502" ? Directory.CreateTempSubdirectory().FullName : null;
        var result = EnforcementCompiler.Compile(PolicyBuild.Generate(compilation, "example"), runtime);
        Assert.Contains(result.Diagnostics, d => d.Code == code);
    }

    [Fact]
    public void Build_writes_the_assembly_only_on_success()
    {
        var output = Path.Combine(Path.GetTempPath(), "policylang-build-" + Guid.NewGuid().ToString("N"));
        const string policy = """
            policy "p" { version "1" owner "o" review every 1 year }
            classification public
            store local duckdb { file "x.duckdb" }
            dataset d in local table "t" { owner "o" classification public expect csharp "doc.size <" }
            """;
        var outcome = PolicyBuild.Build(PolicyCompilation.Create([new SourceFile("p.gov", policy)], Today), output);
        Assert.False(outcome.Success);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFiles(output).Any());
    }

    [Fact]
    public void Names_that_meet_in_csharp_still_compile()
    {
        // Rule_<dataset>_<rule> reads the same for (photometry, raw_id_unique) and (photometry_raw, id_unique);
        // names that are C# keywords and text outside ASCII must come out as valid C# too.
        const string policy = """
            policy "Names \"quoted\" <tagged> & é" { version "1" owner "o" review every 1 year }
            classification public
            store local duckdb { file "x.duckdb" }
            dataset photometry in local table "p" { owner "o" classification public expect raw_id unique }
            dataset photometry_raw in local table "r" { owner "o" classification public expect id unique expect class = "naïve \"x\"" as namespace }
            """;
        var compilation = PolicyCompilation.Create([new SourceFile("names.gov", policy)], Today);
        Assert.Empty(compilation.Diagnostics.Select(d => d.ToCanonicalString()));
        var result = EnforcementCompiler.Compile(PolicyBuild.Generate(compilation, "names"));
        Assert.Empty(result.Diagnostics.Select(d => d.ToCanonicalString()));
        Assert.True(result.Success);
    }

    [Fact]
    public void Composite_keys_and_rules_compile_into_the_model()
    {
        // docs/composite-keys.md: the generated model sets KeyColumns, Columns and TargetColumns only for composite forms.
        const string policy = """
            policy "Lanes" { version "1" owner "o" review every 1 year }
            classification public
            store local duckdb { file "x.duckdb" }
            dataset runs in local table "runs" { owner "o" classification public key run_id, lane retain 1 year by started then delete }
            dataset frames in local table "frames" {
              owner "o" classification public key id
              expect (run_id, lane) unique
              expect (run_id, lane) references runs.(run_id, lane) severity warn
            }
            """;
        var compilation = PolicyCompilation.Create([new SourceFile("lanes.gov", policy)], Today);
        // The composite reference outlives the rows it references (`runs` deletes them after a year): the conflict check sees it.
        Assert.Equal(["GOV0333"], compilation.Diagnostics.Select(d => d.Code));
        Assert.False(compilation.HasErrors);
        var result = EnforcementCompiler.Compile(PolicyBuild.Generate(compilation, "lanes"));
        Assert.Empty(result.Diagnostics.Select(d => d.ToCanonicalString()));
        Assert.True(result.Success);
    }

    private static PolicyCompilation Compile(string sample) =>
        PolicyCompilation.Create([new SourceFile($"{sample}/main.gov", PolicyLang.Testing.Samples.ReadMain(sample))], Today);
}
