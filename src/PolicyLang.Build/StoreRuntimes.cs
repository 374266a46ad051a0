using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Emit;

namespace PolicyLang.Build;

/// <summary>
/// Which store runtime assemblies a policy needs and are not installed next to the task. Checked before compiling so
/// GOV0502 points at each store declaration of that kind (the compiler alone can only point at the generated file).
/// </summary>
internal static class StoreRuntimes
{
    public static IReadOnlyList<Diagnostic> Missing(BoundPolicy policy, string runtimeDirectory) =>
        [.. policy.Stores
            .Select(store => (store, assembly: RuntimeStores.For(store.Kind).Assembly))
            .Where(s => !File.Exists(Path.Combine(runtimeDirectory, s.assembly + ".dll")))
            .Select(s => new Diagnostic(
                EmitDiagnostics.StoreNotAvailable,
                $"store `{s.store.Name}` is a {s.store.KindName} store, whose runtime package `{s.assembly}` is not installed with PolicyLang.Build; no enforcement assembly was built (compliance documents were)",
                s.store.Location.File,
                s.store.Location.Span))];
}
