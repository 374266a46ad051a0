using System.Dynamic;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// The <c>dynamic</c> row a <c>csharp</c> predicate sees: <c>row.amount</c> or <c>row["amount"]</c>.
/// Names match exactly first, then ignoring case, so generated code need not know the store's casing;
/// an unknown name is a binder error the runner reports as a violation of that row.
/// </summary>
public sealed class RowView : DynamicObject
{
    private readonly IReadOnlyDictionary<string, object?> values;

    /// <summary>Wraps one row's values.</summary>
    public RowView(IReadOnlyDictionary<string, object?> values) => this.values = values;

    /// <summary>The value of <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when the row has no such field.</summary>
    public object? this[string name] => Find(name, out var value) ? value : throw new KeyNotFoundException($"the row has no field '{name}'");

    /// <inheritdoc />
    public override bool TryGetMember(GetMemberBinder binder, out object? result) => Find(binder.Name, out result);

    /// <inheritdoc />
    public override bool TryGetIndex(GetIndexBinder binder, object[] indexes, out object? result)
    {
        result = null;
        return indexes is [string name] && Find(name, out result);
    }

    /// <inheritdoc />
    public override IEnumerable<string> GetDynamicMemberNames() => values.Keys;

    private bool Find(string name, out object? value)
    {
        if (values.TryGetValue(name, out value)) { value = Normalize(value); return true; }

        foreach (var (key, v) in values)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) { value = Normalize(v); return true; }
        }

        value = null;
        return false;
    }

    // The runner hands over rows already in their columns' CLR types (ColumnValues); a row built elsewhere gets the same by value.
    private static object? Normalize(object? v) => ColumnValues.Canonical(v);
}
