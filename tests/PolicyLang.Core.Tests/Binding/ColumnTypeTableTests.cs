using PolicyLang.Core.Binding;
using Xunit;
using static PolicyLang.Core.Tests.Binding.BindingAssert;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>
/// One column-type table for the language and the runtime (PolicyLang.Contracts): what the binder type-checks and what the
/// runtime compares against live columns come from the same rows, reconciled with docs/values-and-types.md.
/// </summary>
public sealed class ColumnTypeTableTests
{
    [Theory]
    [InlineData("float8", ColumnTypeFamily.Decimal)]
    [InlineData("number", ColumnTypeFamily.Decimal)]
    [InlineData("int8", ColumnTypeFamily.Integer)]
    [InlineData("citext", ColumnTypeFamily.Text)]
    [InlineData("time", ColumnTypeFamily.Time)]
    [InlineData("document", ColumnTypeFamily.Json)]
    public void Store_spellings_and_language_names_are_known_to_the_binder_without_a_warning(string type, ColumnTypeFamily family)
    {
        var compilation = AssertNoErrors($"dataset a in research table \"a\" {{ column c {type} }}");
        Assert.DoesNotContain(compilation.Diagnostics, d => d.Code == "GOV0204");
        Assert.Equal(family, compilation.Bound.FindDataset("a")!.Columns.Single().Family);
    }

    [Fact]
    public void A_store_spelling_is_type_checked_like_its_family()
    {
        AssertDiagnostic("dataset a in research table \"a\" { column ratio float8 expect ratio > \"x\" }", "GOV0209", "\"x\"");
    }

    [Fact]
    public void Uuid_is_text_to_the_runtime_but_has_no_language_family()
    {
        // docs/values-and-types.md: `uuid` (no language family, warning GOV0204); stored and compared as text (no drift with `text`).
        Assert.Null(ColumnTypeTable.LanguageFamily("uuid"));
        Assert.Equal(ColumnTypeFamily.Text, ColumnTypeTable.Family("uuid"));
        AssertDiagnostic("dataset a in research table \"a\" { column id uuid }", "GOV0204", "uuid");
    }

    [Fact]
    public void Every_language_name_has_a_language_family_and_completion_offers_exactly_those()
    {
        Assert.All(ColumnTypeTable.LanguageNames, name => Assert.NotNull(ColumnTypeTable.LanguageFamily(name)));
        Assert.Equal(ColumnTypeTable.LanguageNames, ColumnTypes.Known);
        Assert.DoesNotContain("float8", ColumnTypes.Known);
    }

    [Theory]
    [InlineData("NUMERIC(12, 2)", ColumnTypeFamily.Decimal)]
    [InlineData("double precision", ColumnTypeFamily.Decimal)]
    [InlineData("timestamp with time zone", ColumnTypeFamily.Time)]
    [InlineData("time without time zone", ColumnTypeFamily.Time)]
    [InlineData("character varying(40)", ColumnTypeFamily.Text)]
    [InlineData(" BIGINT ", ColumnTypeFamily.Integer)]
    public void Live_spellings_reach_their_family(string type, ColumnTypeFamily family) =>
        Assert.Equal(family, ColumnTypeTable.Family(type));

    [Theory]
    [InlineData("bigintt")]
    [InlineData("geometry")]
    [InlineData("")]
    public void Unknown_names_have_no_family(string type)
    {
        Assert.Null(ColumnTypeTable.Family(type));
        Assert.Null(ColumnTypeTable.LanguageFamily(type));
    }
}
