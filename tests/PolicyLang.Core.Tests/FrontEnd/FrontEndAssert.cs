using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Tests.Binding;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.FrontEnd;

/// <summary>Compiles policy text through the whole front end and asserts it produced no diagnostic at all.</summary>
internal static class FrontEndAssert
{
    public static readonly DateOnly Today = BindingAssert.Today;

    /// <summary>The bound model of <paramref name="text"/> (after <see cref="DiagnosticExamples.Prelude"/> unless told otherwise), which must have no diagnostics.</summary>
    public static BoundPolicy Clean(string text, bool prelude = true)
    {
        var compilation = PolicyCompilation.Create([new SourceFile("main.gov", prelude ? DiagnosticExamples.Prelude + text : text)], Today);
        Assert.True(compilation.Diagnostics.Count == 0, BindingAssert.Describe(compilation.Diagnostics));
        return compilation.Bound;
    }
}
