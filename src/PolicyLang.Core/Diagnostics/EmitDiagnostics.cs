namespace PolicyLang.Core.Diagnostics;

/// <summary>Emit diagnostics: GOV0500–GOV0599, reported by PolicyLang.Compiler when Roslyn builds the enforcement assembly.</summary>
public static class EmitDiagnostics
{
    public static readonly DiagnosticDescriptor CSharpRuleError = new(
        "GOV0501",
        DiagnosticSeverity.Error,
        "C# error in a csharp rule",
        "The expression of an `expect csharp` rule does not compile as C#. It is a boolean expression over `doc` (or `row`), whose fields are dynamic: `doc.exposure_s < 3600`.",
        """
        policy "Example" { version "1" owner "ops" review every 90 days }
        classification public
        store local duckdb { file "lab.duckdb" }
        dataset obs in local table "obs" {
          owner "ops" classification public
          expect csharp "doc.exposure_s <" as broken
        }
        """);

    public static readonly DiagnosticDescriptor StoreNotAvailable = new(
        "GOV0502",
        DiagnosticSeverity.Error,
        "Store kind without runtime support",
        "The policy uses a store kind whose runtime package is not available to the build (not installed next to `policyc` or PolicyLang.Build, or not referenced by a project using the source generator), so no enforcement assembly can be built. `check` and `docs` still work.",
        """
        policy "Example" { version "1" owner "ops" review every 90 days }
        classification public
        store research postgres { connection env("PG_URL") tls required }
        """);

    public static readonly DiagnosticDescriptor GeneratedCodeError = new(
        "GOV0599",
        DiagnosticSeverity.Error,
        "Internal error in generated code",
        "The generated C# did not compile for a reason outside any csharp rule. This is a compiler bug: please report it with the policy.",
        "(no policy triggers this on purpose)");
}
