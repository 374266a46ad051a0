using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Controls;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Core.Binding;

/// <summary>
/// GOV0338–GOV0339: masks against grants and classification. A mask applies to every reader of the dataset's samples and masked
/// view; <c>grant read</c> gives a role the table itself (PostgresAccess grants SELECT on it, never on the masked view). Only a
/// store with masked views (<see cref="StoreCapability.MaskedViews"/> in the capability table) has a masked table a role could be given instead; elsewhere a mask only masks report samples and a
/// grant is not applied, which the store's capabilities say, not a conflict between two declarations.
/// </summary>
internal static partial class ConflictChecks
{
    private const string ReadPrivilege = "read";

    private static IEnumerable<Diagnostic> Access(ConflictScope scope)
    {
        foreach (var dataset in scope.Datasets)
        {
            if (dataset.Masks.Count > 0 && StoreCapabilities.Has(dataset.Store, StoreCapability.MaskedViews))
            {
                var masked = string.Join("`, `", dataset.Masks.Select(m => m.Column));
                // One grant statement binds one symbol per role, all at the statement's location.
                foreach (var grant in dataset.Grants.Where(g => g.Privilege == ReadPrivilege).GroupBy(g => g.Location))
                {
                    var roles = string.Join("`, `", grant.Select(g => g.Role.Name));
                    yield return Conflict(ConflictDiagnostics.MaskedColumnGrantedUnmasked, grant.Key,
                        $"`grant read` gives `{roles}` the table of `{dataset.Name}` itself, where `{masked}` {(dataset.Masks.Count == 1 ? "is" : "are")} not masked: a mask hides a column only in report samples and the masked view",
                        dataset.Masks[0].Location, $"`{dataset.Masks[0].Column}` is masked here");
                }
            }

            if (SensitiveLevels.IsConfidential(scope.Policy, dataset))
            {
                foreach (var column in dataset.Columns.Where(c => c.Pii && dataset.Masks.All(m => m.Column != c.Name)))
                {
                    yield return Conflict(ConflictDiagnostics.ConfidentialPiiUnmasked, column.Location,
                        $"`{column.Name}` is personal data (`pii`) in `{dataset.Name}`, classified `{dataset.Classification!.Name}`, but has no `mask`: samples show it in clear; add `mask {column.Name} with sha256`",
                        scope.Sources.Classification(dataset), $"`{dataset.Name}` is classified `{dataset.Classification.Name}` here");
                }
            }
        }
    }
}
