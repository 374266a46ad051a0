using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

// `increasing` / `decreasing`: a query of its own over a window (SqlOrdering); declared text columns ordered by code point (COLLATE "C"),
// as the language orders text whatever the database's collation.
public static partial class PostgresCheckPlanner
{
    private static string Windowed(DatasetCheckRequest request, RuleModel rule, Parameters p, string extra = "") =>
        SqlOrdering.Windowed(rule, request.Dataset.Key, Sql.Table(request.Dataset), Dialect(request.Dataset, p), request.Now,
            column => TypeFamilies.Declared(request.Dataset, column) is { } type && TypeFamilies.Family(type) == ColumnTypeFamily.Text ? " COLLATE \"C\"" : string.Empty,
            extra);
}
