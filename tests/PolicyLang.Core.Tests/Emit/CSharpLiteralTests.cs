using PolicyLang.Core.Emit;
using Xunit;

namespace PolicyLang.Core.Tests.Emit;

public class CSharpLiteralTests
{
    [Theory]
    [InlineData("R&D <Lab>", "R&amp;D &lt;Lab&gt;")]
    // Each is a C# line terminator: left in a /// comment, the text after it would be compiled as code.
    [InlineData("a\nb\rc\u0085d\u2028e\u2029f", "a b c d e f")]
    public void Xml_doc_text_is_well_formed_and_stays_on_its_comment_line(string text, string expected) =>
        Assert.Equal(expected, CSharpLiteral.XmlDocText(text));
}
