using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Parsing;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.Diagnostics;

/// <summary>The canonical diagnostic line is one line, even when the message quotes source text that holds a line break.</summary>
public sealed class CanonicalLineTests
{
    [Fact]
    public void A_message_quoting_a_line_break_prints_it_escaped_on_one_line()
    {
        var file = new SourceFile("p.gov", "x");
        var diagnostic = new Diagnostic(SyntaxDiagnostics.UnexpectedToken, "unexpected `\"a\r\nb\nc\rd\"`", file, new TextSpan(0, 1));

        Assert.Equal("unexpected `\"a\\nb\\nc\\rd\"`", diagnostic.Message);
        Assert.Equal("p.gov(1,1): error GOV0001: unexpected `\"a\\nb\\nc\\rd\"`", diagnostic.ToCanonicalString());
    }

    [Theory]
    [InlineData("policy \"p\" { version \"1\" description \"first\nsecond\" owner }")]
    [InlineData("policy \"p\" { version \"1\" } description \"first\nsecond\"")]
    [InlineData("policy \"p\n\" \"x\ny\" {")]
    public void Every_diagnostic_of_a_policy_with_multi_line_strings_is_one_line(string text)
    {
        var diagnostics = PolicyParser.Parse(new SourceFile("p.gov", text)).Diagnostics;

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.DoesNotContain('\n', d.ToCanonicalString()));
    }
}
