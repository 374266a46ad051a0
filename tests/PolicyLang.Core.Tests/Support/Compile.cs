using PolicyLang.Core.Compilation;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Tests.Support;

/// <summary>Runs the whole pipeline (parse, bind, controls) on policy text.</summary>
internal static class Compile
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static PolicyCompilation Text(string text, string path = "lab.gov") => PolicyCompilation.Create([new SourceFile(path, text)], Today);

    public static string LabText() => LabModel.File().Text;

    public static PolicyCompilation Lab() => Text(LabText());
}
