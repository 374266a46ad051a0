using PolicyLang.Core.Emit;
using Xunit;
using static PolicyLang.Core.Tests.Binding.BindingAssert;

namespace PolicyLang.Core.Tests.Emit;

/// <summary>GOV0502 is built here once for every host (policyc, the MSBuild task, the source generator): one message, at the store.</summary>
public sealed class RuntimeStoresTests
{
    private const string Policy = """
        policy "Example" { version "1" owner "ops" review every 90 days }
        classification public
        store research postgres { connection env("PG_URL") tls required }
        store local duckdb { file "lab.duckdb" }
        store shelf folder { path "archive" }
        """;

    [Fact]
    public void Each_store_without_its_runtime_package_is_reported_at_its_declaration()
    {
        var compilation = Compile(Policy);
        var available = new HashSet<string> { "PolicyLang.Runtime", "PolicyLang.Runtime.DuckDb" };

        var missing = RuntimeStores.Missing(compilation.Bound.Stores, available.Contains);

        var diagnostic = Assert.Single(missing);
        Assert.Equal(("GOV0502", "research"), (diagnostic.Code, diagnostic.File.GetText(diagnostic.Span).Split(' ')[1]));
        Assert.Equal(
            "store `research` is a postgres store, whose runtime package `PolicyLang.Runtime.Postgres` is not available to this build: reference or install it to build the enforcement assembly (checks and documents do not need it)",
            diagnostic.Message);
    }

    [Fact]
    public void Nothing_is_reported_when_every_package_is_there() =>
        Assert.Empty(RuntimeStores.Missing(Compile(Policy).Bound.Stores, _ => true));

    [Fact]
    public void Generated_code_references_the_shared_vocabulary_by_its_assembly()
    {
        Assert.Equal(typeof(RuleKind).Assembly.GetName().Name, RuntimeStores.ContractsAssembly);
        var emitted = EnforcementEmitter.Emit(Compile(Policy).Bound, new EmitOptions("p", "PPolicy"), []);
        Assert.Contains(RuntimeStores.ContractsAssembly, emitted.RuntimeAssemblies);
        Assert.Contains($"using {typeof(RuleKind).Namespace};", emitted.Source, StringComparison.Ordinal);
        Assert.Equal(3, emitted.Stores.Count);
    }

    [Fact]
    public void Shared_enum_members_are_named_by_their_type() =>
        Assert.Equal(("RuleKind.FresherThan", "LocationKind.Prefix", "DurationUnit.Week"),
            (CSharpLiteral.Member(RuleKind.FresherThan), CSharpLiteral.Member(LocationKind.Prefix), CSharpLiteral.Member(DurationUnit.Week)));
}
