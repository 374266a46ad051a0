using PolicyLang.Core.Services;
using Xunit;

namespace PolicyLang.Core.Tests.Services;

/// <summary>Completion and hover for incremental checks (docs/incremental-checks.md): <c>watermark &lt;column&gt;</c> and <c>incremental by &lt;column&gt;</c>.</summary>
public sealed class IncrementalCompletionTests
{
    private static IReadOnlyList<string> Labels(Cursor cursor) =>
        [.. CompletionService.GetCompletions(cursor.Compilation, cursor.Path, cursor.Offset).Items.Select(i => i.Label)];

    private const string Dataset = "dataset d in research table \"t\" {\n  column id bigint not null\n  column ts timestamptz not null\n  ";

    [Fact]
    public void Watermark_is_a_dataset_member_and_takes_a_column()
    {
        Assert.Contains("watermark", Labels(Cursor.AfterLab(Dataset + "$$\n}")));
        Assert.Equal(["id", "ts"], Labels(Cursor.AfterLab(Dataset + "watermark $$\n}")).Where(l => l is "id" or "ts"));
        Assert.DoesNotContain("watermark", Labels(Cursor.AfterLab("dataset d in offsite prefix \"p/\" {\n  $$\n}")));
    }

    [Fact]
    public void Incremental_by_is_a_rule_option_followed_by_by_and_a_column()
    {
        Assert.Contains("incremental by", Labels(Cursor.AfterLab(Dataset + "expect id not null $$\n}")));
        Assert.Equal(["by"], Labels(Cursor.AfterLab(Dataset + "expect id not null incremental $$\n}")));
        Assert.Contains("ts", Labels(Cursor.AfterLab(Dataset + "expect id not null incremental by $$\n}")));
    }

    [Fact]
    public void Hover_explains_the_keywords()
    {
        var watermark = Cursor.AfterLab(Dataset + "water$$mark ts\n}");
        Assert.Contains("last successful run", HoverService.GetHover(watermark.Compilation, watermark.Path, watermark.Offset)!.Markdown, StringComparison.Ordinal);
        var incremental = Cursor.AfterLab(Dataset + "expect id not null incre$$mental by ts\n}");
        Assert.Contains("last successful run", HoverService.GetHover(incremental.Compilation, incremental.Path, incremental.Offset)!.Markdown, StringComparison.Ordinal);
    }
}
