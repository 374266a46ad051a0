using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Tests.Support;
using Xunit;

namespace PolicyLang.Core.Tests.Controls;

public class ControlDiagnosticsExampleTests
{
    public static TheoryData<string> Codes() => [.. ControlDiagnostics.All.Select(d => d.Code)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Example_produces_its_code(string code)
    {
        var descriptor = ControlDiagnostics.All.Single(d => d.Code == code);
        var compilation = Compile.Text(DiagnosticExamples.Complete(descriptor.Example), "example.gov");
        var produced = compilation.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(produced.Count > 0, $"{code}'s example produced: {string.Join("; ", compilation.Diagnostics)}");
        Assert.All(produced, d => Assert.Equal(descriptor.Severity, d.Severity));
    }

    [Fact]
    public void Codes_are_unique_and_in_the_controls_range()
    {
        var codes = ControlDiagnostics.All.Select(d => d.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.InRange(int.Parse(c[3..], System.Globalization.CultureInfo.InvariantCulture), 400, 499));
    }
}
