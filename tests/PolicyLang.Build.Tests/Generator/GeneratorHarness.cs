using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PolicyLang.Generator;

namespace PolicyLang.Build.Tests.Generator;

/// <summary>Runs <see cref="PolicyGenerator"/> in-process over a C# compilation with .gov AdditionalFiles (NetEscapades' TestHelpers pattern).</summary>
internal static class GeneratorHarness
{
    // Diagnose: XML doc comments are checked as under <GenerateDocumentationFile>true</GenerateDocumentationFile> (CS1591, CS1570).
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilation Compilation(string source, bool withDuckDb = true)
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll"))
            .Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Runtime.Policy.IEnforcementPolicy).Assembly.Location))
            // What a consumer gets with PolicyLang.Runtime, as its dependency: the vocabulary generated code names (RuleKind, ...).
            .Append(MetadataReference.CreateFromFile(typeof(RuleKind).Assembly.Location));
        if (withDuckDb)
        {
            references = references.Append(MetadataReference.CreateFromFile(typeof(Runtime.DuckDb.DuckDbStoreProvider).Assembly.Location));
        }

        return CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Consumer.cs")],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static AdditionalText PolicyFile(string path, string text) => new InMemoryText(path, text);

    public static GeneratorDriver Driver(IEnumerable<(string Path, string Text)> policyFiles, string rootNamespace = "Contoso.Governance", string projectName = "Valid") =>
        Driver(policyFiles.Select(f => PolicyFile(f.Path, f.Text)), rootNamespace, projectName);

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> policyFiles, string rootNamespace = "Contoso.Governance", string projectName = "Valid") =>
        CSharpGeneratorDriver.Create(
            [new PolicyGenerator().AsSourceGenerator()],
            [.. policyFiles],
            ParseOptions,
            new Options(new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace, ["build_property.MSBuildProjectName"] = projectName }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The Valid sample's two files under stable paths, so baselines do not depend on the checkout.</summary>
    public static IReadOnlyList<(string Path, string Text)> ValidSample() =>
    [
        ("/policies/Valid/policy.gov", File.ReadAllText(RepositoryPaths.TestProject("PolicyLang.Build.Tests", "Projects", "Valid", "policy.gov"))),
        ("/policies/Valid/datasets.gov", File.ReadAllText(RepositoryPaths.TestProject("PolicyLang.Build.Tests", "Projects", "Valid", "datasets.gov"))),
    ];

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText source = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => source;
    }

    private sealed class Options(IReadOnlyDictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Values.Empty;

        private sealed class Values(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Values Empty = new(ImmutableDictionary<string, string>.Empty);

            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
