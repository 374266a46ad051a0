using System.Globalization;
using Npgsql;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;

namespace PolicyLang.Runtime.Postgres;

/// <summary>One privilege to grant (missing) or revoke (not declared) on a dataset's table.</summary>
/// <param name="Role">The grantee (<c>PUBLIC</c> for the public pseudo-role).</param>
/// <param name="Privilege">SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES or TRIGGER.</param>
/// <param name="Grant">True: declared but missing; false: present but not declared.</param>
/// <param name="Sql">The GRANT or REVOKE statement that removes the drift.</param>
public sealed record GrantChange(string Role, string Privilege, bool Grant, string Sql)
{
    /// <summary>The drift as a schema finding of the dataset (column = the role, finding <c>grant</c>).</summary>
    public SchemaFinding AsFinding() => Grant
        ? new SchemaFinding(Role, "grant", Privilege, "not granted")
        : new SchemaFinding(Role, "grant", "not granted", Privilege);
}

/// <summary>What <see cref="PostgresAccess.ApplyAsync"/> changed (or <see cref="PostgresAccess.PlanAsync(PostgresStore, DatasetModel, CancellationToken)"/> would change).</summary>
/// <param name="Changes">The GRANT/REVOKE statements run.</param>
/// <param name="MaskedView">The masked view (re)created, when the dataset has masks and the view had drifted.</param>
public sealed record AccessResult(IReadOnlyList<GrantChange> Changes, string? MaskedView)
{
    /// <summary>Every statement, in the order it runs: the GRANT/REVOKE statements, then the masked view's drop, create and comment.</summary>
    public IReadOnlyList<string> Statements { get; init; } = [.. Changes.Select(c => c.Sql)];
}

/// <summary>
/// Access control of a dataset's table: declared grants (read → SELECT; write → INSERT, UPDATE, DELETE) versus the table's
/// ACL, and the <c>&lt;table&gt;_masked</c> view exposing masked columns. Reads <c>pg_class.relacl</c> rather than
/// <c>information_schema.role_table_grants</c>, which hides grants between roles the current user is not a member of.
/// </summary>
public static class PostgresAccess
{
    private static readonly Dictionary<string, string[]> Privileges = new(StringComparer.OrdinalIgnoreCase)
    {
        ["read"] = ["SELECT"],
        ["write"] = ["INSERT", "UPDATE", "DELETE"],
    };

    /// <summary>The statements that would bring the table's grants to the declared ones (for <c>policyc plan</c>).</summary>
    public static async Task<IReadOnlyList<GrantChange>> DiffAsync(PostgresStore store, DatasetModel dataset, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct).ConfigureAwait(false);
        return await DiffAsync(connection, dataset, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// What <see cref="ApplyAsync"/> would run — the GRANT/REVOKE statements and, when the masked view drifted, its drop, create
    /// and comment — without running anything (<c>policyc run --apply --dry-run</c>).
    /// </summary>
    public static async Task<AccessResult> PlanAsync(PostgresStore store, DatasetModel dataset, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct).ConfigureAwait(false);
        return await PlanAsync(connection, dataset, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Issues the GRANT/REVOKE statements of <see cref="DiffAsync(PostgresStore, DatasetModel, CancellationToken)"/> and
    /// (re)creates the masked view when it drifted, all in one transaction, then appends an <c>access</c> record to
    /// <paramref name="audit"/> (when given). Nothing changes when any statement fails.
    /// </summary>
    public static async Task<AccessResult> ApplyAsync(PostgresStore store, DatasetModel dataset, IAuditSink? audit, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var plan = await PlanAsync(connection, dataset, ct).ConfigureAwait(false);
        foreach (var sql in plan.Statements)
        {
            await ExecuteAsync(connection, tx, sql, ct).ConfigureAwait(false);
        }
        // A GRANT or REVOKE the connecting role may not make is only a server warning ("no privileges were granted"):
        // read the ACL back so such a run fails and rolls back instead of reporting changes that did not happen.
        if (plan.Changes.Count > 0 && await DiffAsync(connection, dataset, ct).ConfigureAwait(false) is { Count: > 0 } left)
        {
            throw new Stores.RunException($"dataset '{dataset.Name}': the server ignored {left.Count} of {plan.Changes.Count} GRANT/REVOKE statements " +
                $"(first: {left[0].Sql}); the role running the policy must own table '{dataset.Location}' or hold its privileges WITH GRANT OPTION. Nothing was changed");
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        var (changes, view) = (plan.Changes, plan.MaskedView);
        if (audit is not null && (changes.Count > 0 || view is not null))
        {
            var details = string.Join("; ", changes.Select(c => $"{(c.Grant ? "grant" : "revoke")} {c.Privilege} {c.Role}"))
                + (view is null ? "" : $"{(changes.Count > 0 ? "; " : "")}masked view {view}");
            await audit.AppendAsync(new AuditEntry("access", dataset.Name, details, new Dictionary<string, long>
            {
                ["granted"] = changes.Count(c => c.Grant),
                ["revoked"] = changes.Count(c => !c.Grant),
            }), DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
        }

        return plan;
    }

    private static async Task<AccessResult> PlanAsync(NpgsqlConnection connection, DatasetModel dataset, CancellationToken ct)
    {
        var changes = await DiffAsync(connection, dataset, ct).ConfigureAwait(false);
        if (dataset.Masks.Count == 0 || await MaskDriftAsync(connection, dataset, ct).ConfigureAwait(false) is null)
        {
            return new AccessResult(changes, null);
        }

        var (view, statements) = await MaskedViewAsync(connection, dataset, ct).ConfigureAwait(false);
        return new AccessResult(changes, view) { Statements = [.. changes.Select(c => c.Sql), .. statements] };
    }

    /// <summary>
    /// The table's grants versus the declared ones. A dataset that declares no grant does not govern its table's grants:
    /// no change (the same rule as the drift <see cref="PostgresStore.CheckSchemaAsync"/> reports).
    /// </summary>
    internal static async Task<IReadOnlyList<GrantChange>> DiffAsync(NpgsqlConnection connection, DatasetModel dataset, CancellationToken ct)
    {
        if (dataset.Grants.Count == 0)
        {
            return [];
        }

        var (_, table) = Sql.Split(dataset.Location);
        // The owner's own privileges are implicit and not governed; every other grantee (PUBLIC included) is.
        const string acl = """
            SELECT coalesce(r.rolname, 'PUBLIC'), a.privilege_type
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) AS a
            LEFT JOIN pg_roles r ON r.oid = a.grantee
            WHERE n.nspname = $1 AND c.relname = $2 AND a.grantee <> c.relowner
            """;
        var live = new HashSet<(string Role, string Privilege)>();
        await using (var command = PostgresStore.Command(connection, acl, [Sql.SchemaOf(dataset.Location), table]))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                live.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var declared = new HashSet<(string Role, string Privilege)>();
        foreach (var grant in dataset.Grants)
        {
            if (!Privileges.TryGetValue(grant.Privilege, out var privileges))
            {
                throw new Stores.RunException($"dataset '{dataset.Name}': grant privilege must be read or write, not '{grant.Privilege}'");
            }

            foreach (var privilege in privileges)
            {
                declared.Add((grant.Role, privilege));
            }
        }

        var target = Sql.Table(dataset);
        var changes = declared.Except(live).OrderBy(g => g.Role, StringComparer.Ordinal).ThenBy(g => g.Privilege, StringComparer.Ordinal)
            .Select(g => new GrantChange(g.Role, g.Privilege, true, $"GRANT {g.Privilege} ON {target} TO {Grantee(g.Role)}")).ToList();
        changes.AddRange(live.Except(declared).OrderBy(g => g.Role, StringComparer.Ordinal).ThenBy(g => g.Privilege, StringComparer.Ordinal)
            .Select(g => new GrantChange(g.Role, g.Privilege, false, $"REVOKE {g.Privilege} ON {target} FROM {Grantee(g.Role)}")));
        return changes;
    }

    /// <summary>A finding when the masked view is missing or was not built from the current masks and columns.</summary>
    internal static async Task<SchemaFinding?> MaskDriftAsync(NpgsqlConnection connection, DatasetModel dataset, CancellationToken ct)
    {
        var (view, statements) = await MaskedViewAsync(connection, dataset, ct).ConfigureAwait(false);
        var declared = string.Join(", ", dataset.Masks.Select(m => m.Method == "last" ? $"{m.Column} last({m.Keep})" : $"{m.Column} {m.Method}"));
        await using var command = PostgresStore.Command(connection, "SELECT obj_description(to_regclass($1), 'pg_class')", [Sql.Table(ViewLocation(dataset))]);
        var comment = await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
        if (comment == Tag(statements[1]))
        {
            return null;
        }

        return new SchemaFinding(view, "mask", declared, comment is null ? "view missing" : "view outdated");
    }

    /// <summary>The view's name and the statements that (re)build it: drop, create, tag with the definition's hash.</summary>
    internal static async Task<(string View, IReadOnlyList<string> Statements)> MaskedViewAsync(NpgsqlConnection connection, DatasetModel dataset, CancellationToken ct)
    {
        var (_, table) = Sql.Split(dataset.Location);
        var columns = new List<string>();
        await using (var command = PostgresStore.Command(connection,
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
            [Sql.Table(dataset)]))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                columns.Add(reader.GetString(0));
            }
        }

        var select = columns.Select(c => dataset.Masks.FirstOrDefault(m => string.Equals(m.Column, c, StringComparison.OrdinalIgnoreCase)) is { } mask
            ? $"{MaskExpression(mask, Sql.Id(c))} AS {Sql.Id(c)}" : Sql.Id(c));
        var view = Sql.Table(ViewLocation(dataset));
        var create = $"CREATE VIEW {view} AS SELECT {string.Join(", ", select)} FROM {Sql.Table(dataset)}";
        // DROP + CREATE, not CREATE OR REPLACE: masking changes a column's type (integer → text), which REPLACE refuses.
        return (table + "_masked", [$"DROP VIEW IF EXISTS {view}", create, $"COMMENT ON VIEW {view} IS {Sql.Literal(Tag(create))}"]);
    }

    /// <summary>The same masks as <see cref="Masking.Apply"/>: sha256 (lower-case hex of the UTF-8 text), redact (***), last(n).</summary>
    internal static string MaskExpression(MaskModel mask, string c)
    {
        var text = $"{c}::text";
        return mask.Method.ToLowerInvariant() switch
        {
            "sha256" => $"encode(sha256(convert_to({text}, 'UTF8')), 'hex')",
            "last" => $"CASE WHEN length({text}) <= {mask.Keep.ToString(CultureInfo.InvariantCulture)} THEN repeat('*', length({text})) " +
                      $"ELSE repeat('*', length({text}) - {mask.Keep.ToString(CultureInfo.InvariantCulture)}) || right({text}, {mask.Keep.ToString(CultureInfo.InvariantCulture)}) END",
            _ => $"CASE WHEN {c} IS NULL THEN NULL ELSE '***' END",
        };
    }

    private static string ViewLocation(DatasetModel dataset)
    {
        var (schema, table) = Sql.Split(dataset.Location);
        return (schema ?? "public") + "." + table + "_masked";
    }

    private static string Tag(string create) => "policylang:" + ArchiveManifest.Sha256Hex(create);

    private static string Grantee(string role) => role == "PUBLIC" ? "PUBLIC" : Sql.Id(role);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
