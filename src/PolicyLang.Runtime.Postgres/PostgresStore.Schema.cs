using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// Compares the declared columns with <c>information_schema.columns</c> (missing, type family, nullability), the declared
    /// grants with the table's ACL (finding <c>grant</c>, column = the role), and the masks with the <c>&lt;table&gt;_masked</c>
    /// view (finding <c>mask</c>). A missing table is a <see cref="RunException"/>.
    /// </summary>
    public async Task<IReadOnlyList<SchemaFinding>> CheckSchemaAsync(DatasetModel dataset, CancellationToken ct)
    {
        var (_, table) = Sql.Split(dataset.Location);
        var live = new Dictionary<string, (string Type, bool Nullable)>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using (var command = Command(connection,
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2",
            [Sql.SchemaOf(dataset.Location), table]))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                live[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2) == "YES");
            }
        }

        if (live.Count == 0)
        {
            throw new RunException($"dataset '{dataset.Name}': table '{dataset.Location}' does not exist in store '{Model.Name}' (or the role cannot see it)");
        }

        var findings = new List<SchemaFinding>();
        foreach (var column in dataset.Columns)
        {
            // Unquoted names fold to lower case in PostgreSQL: accept the exact name, then its lower-case form.
            if (!live.TryGetValue(column.Name, out var actual) && !live.TryGetValue(column.Name.ToLowerInvariant(), out actual))
            {
                findings.Add(new SchemaFinding(column.Name, "missing", column.Type, "absent"));
                continue;
            }

            if (TypeFamilies.Of(column.Type) is { } declared && TypeFamilies.Of(actual.Type) is { } found && declared != found)
            {
                findings.Add(new SchemaFinding(column.Name, "type", column.Type, actual.Type));
            }

            if (column.NotNull && actual.Nullable)
            {
                findings.Add(new SchemaFinding(column.Name, "nullability", "not null", "nullable"));
            }
        }

        if (dataset.Grants.Count > 0)
        {
            findings.AddRange((await PostgresAccess.DiffAsync(connection, dataset, ct).ConfigureAwait(false)).Select(c => c.AsFinding()));
        }

        if (dataset.Masks.Count > 0 && await PostgresAccess.MaskDriftAsync(connection, dataset, ct).ConfigureAwait(false) is { } mask)
        {
            findings.Add(mask);
        }

        return findings;
    }
}
