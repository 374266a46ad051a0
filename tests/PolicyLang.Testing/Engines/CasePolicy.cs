using PolicyLang.Runtime.Model;
using PolicyLang.Testing.Engines;

namespace PolicyLang.Runtime.Differential;

/// <summary>
/// A generated case as the compiler would emit it: datasets <c>facts</c> (the rules) and <c>dims</c> (the references target)
/// in one store. Even seeds declare the facts' columns, as most policies do (planners use declared types, e.g. an integer
/// column needs no NaN guard); odd seeds declare none.
/// </summary>
internal static class CasePolicy
{
    public static readonly SourceRef Src = new("differential.gov", 1, 1);

    public static PolicyModel For(GeneratedCase c, StoreModel store, string schema, IReadOnlyList<MaskModel>? masks = null) =>
        For(c, store, schema, new CaseRun(masks ?? []));

    /// <summary>The policy of <paramref name="c"/> with the masks, declared columns and controls of <paramref name="run"/>.</summary>
    public static PolicyModel For(GeneratedCase c, StoreModel store, string schema, CaseRun run) =>
        new("differential", "Differential test", [store],
        [
            Dataset(c.Facts.Name, store, schema, run.Columns ?? (c.Seed % 2 == 0 ? Declared(c.Facts) : []), c.Rules, run.Masks),
            Dataset(c.Dims.Name, store, schema, [], [], []),
        ], null, run.Controls ?? []);

    private static DatasetModel Dataset(string name, StoreModel store, string schema, IReadOnlyList<ColumnModel> columns, IReadOnlyList<RuleModel> rules,
        IReadOnlyList<MaskModel> masks) =>
        new(name, store.Name, LocationKind.Table, schema.Length == 0 ? name : $"{schema}.{name}", GeneratedTable.Key, "internal", columns, rules, null, masks, [], Src);

    private static List<ColumnModel> Declared(GeneratedTable table) =>
        table.Columns.Select(c => new ColumnModel(c.Name, c.Type switch
        {
            ColumnType.Integer => "integer",
            ColumnType.BigInt => "bigint",
            ColumnType.Numeric => "numeric",
            ColumnType.Double => "double",
            ColumnType.Text => "text",
            ColumnType.Varchar => "varchar",
            ColumnType.Date => "date",
            ColumnType.Timestamp => "timestamp",
            ColumnType.TimestampTz => "timestamptz",
            _ => "boolean",
        }, NotNull: false, Pii: false)).ToList();
}
