using Microsoft.CSharp.RuntimeBinder;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

public sealed class MaskingAndRowViewTests
{
    [Theory]
    [InlineData("sha256", 0, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("redact", 0, "alice@example.org", "***")]
    [InlineData("last", 4, "4111111111111111", "************1111")]
    [InlineData("last", 4, "abc", "***")]
    [InlineData("unknown-method", 0, "secret", "***")]
    public void Masks_hide_values(string method, int keep, string value, string expected)
    {
        Assert.Equal(expected, Masking.Apply(new MaskModel("c", method, keep), value));
    }

    [Fact]
    public void Row_view_reads_members_and_indexes_and_normalizes_timestamps()
    {
        var at = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified);
        dynamic row = new RowView(new Dictionary<string, object?> { ["Amount"] = 5L, ["at"] = at, ["note"] = null });
        Assert.Equal(5L, (long)row.amount);
        Assert.Equal(5L, (long)row["Amount"]);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), (DateTimeOffset)row.at);
        Assert.Null(row.note);
        Assert.Throws<RuntimeBinderException>(() => (object)row.missing);
    }
}
