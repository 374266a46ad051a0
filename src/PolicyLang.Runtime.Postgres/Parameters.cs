using System.Text;
using Npgsql;
using NpgsqlTypes;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>Collects positional parameters (<c>$1</c>, <c>$2</c>...) while a statement is built.</summary>
internal sealed class Parameters
{
    private readonly List<object?> values = [];

    public Parameters()
    {
    }

    /// <summary>Starts with <paramref name="values"/> as <c>$1</c>, <c>$2</c>... (a second statement reusing a first one's filter).</summary>
    public Parameters(IEnumerable<object?> values) => this.values.AddRange(values);

    /// <summary>The values in order, for plans.</summary>
    public IReadOnlyList<object?> Values => values;

    public string Add(object? value)
    {
        values.Add(value);
        return "$" + values.Count;
    }

    public void ApplyTo(NpgsqlCommand command)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(Bind(value));
        }
    }

    /// <summary>
    /// Text is sent untyped (<c>unknown</c>), exactly like a literal written in SQL, so PostgreSQL infers the column's type
    /// (a string compared with a date column is read as a date); instants are sent as <c>timestamptz</c>.
    /// </summary>
    public static NpgsqlParameter Bind(object? value) => value switch
    {
        null => new NpgsqlParameter { Value = DBNull.Value },
        string s => new NpgsqlParameter { Value = s, NpgsqlDbType = NpgsqlDbType.Unknown },
        DateTimeOffset d => new NpgsqlParameter { Value = d.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz },
        DateTime d => new NpgsqlParameter { Value = Runtime.Checks.Values.AsUtc(d), NpgsqlDbType = NpgsqlDbType.TimestampTz },
        int i => new NpgsqlParameter { Value = (long)i },
        _ => new NpgsqlParameter { Value = value },
    };
}
