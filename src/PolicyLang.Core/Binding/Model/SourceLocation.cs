using PolicyLang.Core.Text;

namespace PolicyLang.Core.Binding.Model;

/// <summary>Where a bound element is written: evidence locations in documents, spans for diagnostics, #line in emitted code.</summary>
public sealed record SourceLocation(SourceFile File, TextSpan Span)
{
    public LinePosition Start => File.GetPosition(Span.Start);

    public int Line => Start.Line;

    /// <summary><c>path:line</c>, the form used in documents.</summary>
    public override string ToString() => $"{File.Path}:{Line}";
}
