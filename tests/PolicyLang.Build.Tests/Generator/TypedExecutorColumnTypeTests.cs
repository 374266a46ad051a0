using System.Reflection;
using DuckDB.NET.Data;
using Microsoft.CodeAnalysis;
using PolicyLang.Cli.Tests;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Testing;

namespace PolicyLang.Build.Tests.Generator;

/// <summary>
/// The generated typed executor hands <c>csharp</c> rules the same CLR type per column family as <c>policyc test</c> and
/// <c>policyc run</c> (PolicyLang.Cli.Tests' <c>ColumnTypeTests</c>, same policy and row): the generator's output is compiled,
/// loaded, and its <c>Datasets.Typed.CheckAsync</c> run over a DuckDB table; its test rows run through the test runner.
/// </summary>
public sealed class TypedExecutorColumnTypeTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("policylang-types-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task The_typed_executor_sees_one_clr_type_per_family()
    {
        using (var connection = new DuckDBConnection($"Data Source={Path.Combine(folder, "types.duckdb")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE typed (id BIGINT NOT NULL, t VARCHAR, i BIGINT, n DECIMAL(10, 2), d DOUBLE, b BOOLEAN, ts TIMESTAMP, " +
                "tz TIMESTAMPTZ, dt DATE, tm TIME, u UUID); " + ColumnTypeCases.Insert;
            command.ExecuteNonQuery();
        }

        var policyText = ColumnTypeCases.Policy("store db duckdb { file \"types.duckdb\" }").Replace("public.typed", "main.typed", StringComparison.Ordinal);
        GeneratorHarness.Driver([("/policies/types.gov", policyText)])
            .RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation("namespace Consumer; internal static class Nothing { }"), out var output, out var diagnostics);
        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var assembly = Assembly.Load(image.ToArray());

        var policyType = assembly.GetTypes().Single(t => typeof(IEnforcementPolicy).IsAssignableFrom(t) && !t.IsAbstract);
        var policy = (IEnforcementPolicy)policyType.GetProperty("Instance")!.GetValue(null)!;
        var tests = PolicyTestRunner.Run(policy.Model, policy.Tests, DateTimeOffset.UtcNow);
        Assert.True(tests.Failed == 0, string.Join('\n', tests.Results.Select(r => r.Message)));

        var typed = policyType.GetNestedType("Datasets")!.GetNestedType("Typed")!;
        var check = typed.GetMethod("CheckAsync")!;
        var options = new RunOptions { BaseDirectory = folder };
        var report = await (Task<RunReport>)check.Invoke(null, [options, CancellationToken.None])!;
        Assert.Equal(ColumnTypeCases.Rules.Order(), report.Rules.Select(r => r.Rule).Order());
        Assert.All(report.Rules, r => Assert.True(r is { Violations: 0, Total: 1, Note: null }, $"{r.Rule}: {r.Violations} of {r.Total} ({r.Note})"));
    }
}
