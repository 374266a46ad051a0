using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using Xunit;

namespace PolicyLang.LanguageServer.Tests.Protocol;

public sealed class DiagnosticsTests
{
    // Mistakes an author makes, several per file, syntax and binding mixed, on lines with non-ASCII text.
    private static readonly (string Find, string Replace)[] Seeds =
    [
        ("archive to offsite as parquet then delete\n  mask", "archive to ofsite as parquet then delete\n  mask"),
        ("  description    \"Gaia DR3", "  description    \"Gaïa DR3 – données 🔭\" owner \"x\" classificaton internal\n  description    \"Gaia DR3"),
        ("expect band in [\"G\", \"BP\", \"RP\"]", "expect bnad in [\"G\", \"BP\", \"RP\"] // bande spectrale ☄"),
        ("role dba ", "role researcher \"twice\"\nrole dba "),
    ];

    [Fact]
    public async Task Seeded_mistakes_get_the_codes_messages_and_positions_policyc_check_prints()
    {
        using var policy = TempPolicy.CopyOfExample("astronomy-lab");
        var text = Seed(policy.Read("lab.gov"));
        policy.Write("lab.gov", text);
        var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path);
        await using var _1 = session;
        await session.OpenAsync(policy.Uri("lab.gov"), text);

        var published = await session.DiagnosticsAsync(policy.Uri("lab.gov"));

        var expected = Policyc.Check(policy.Path, LanguageServerSession.Today);
        Assert.True(expected.Count >= Seeds.Length, string.Join('\n', expected));
        Assert.Equal(expected, published.Diagnostics.Select(d => Canonical.Line("lab.gov", d)));
        Assert.All(published.Diagnostics, d => Assert.Equal("policyc", d.Source));
        Assert.Equal(1, published.Version);
    }

    [Fact]
    public async Task Columns_count_utf16_code_units_or_utf8_bytes_as_negotiated()
    {
        using var policy = TempPolicy.Empty();
        const string text = "// é😀\npolicy \"p\" { version \"1\" owner \"o\" review every 90 days }\nrole r \"données 🔭\" role r \"x\"\n";
        foreach (var (encoding, column) in new[] { ("utf-16", 25), ("utf-8", 28) })
        {
            var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path, new { general = new { positionEncodings = new[] { encoding } } });
            await using var _1 = session;
            await session.OpenAsync(policy.Uri("main.gov"), text);
            var duplicate = Assert.Single((await session.DiagnosticsAsync(policy.Uri("main.gov"))).Diagnostics, d => d.Code == "GOV0105");
            Assert.Equal(new Range(new Position(2, column), new Position(2, column + 1)), duplicate.Range);
        }
    }

    [Fact]
    public async Task Every_file_of_the_folder_policy_is_diagnosed_and_an_edit_in_one_re_diagnoses_the_others()
    {
        using var policy = TempPolicy.Empty();
        policy.Write("stores.gov", "store db duckdb { file \"lab.duckdb\" }\n");
        policy.Write("sub/data.gov", "policy \"p\" { version \"1\" owner \"o\" review every 90 days }\nclassification public\ndataset d in db table \"t\" { owner \"o\" classification public column id bigint }\n");
        var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path);
        await using var _1 = session;
        await session.OpenAsync(policy.Uri("stores.gov"), policy.Read("stores.gov"));
        var data = policy.Uri("sub/data.gov");
        Assert.DoesNotContain((await session.DiagnosticsAsync(data)).Diagnostics, d => d.Severity == 1);

        await session.ReplaceAsync(policy.Uri("stores.gov"), "store dbx duckdb { file \"lab.duckdb\" }\n", 2);
        var unknown = await session.DiagnosticsAsync(data, p => p.Diagnostics.Any(d => d.Code == "GOV0119"));
        Assert.Contains("did you mean `dbx`", Assert.Single(unknown.Diagnostics, d => d.Code == "GOV0119").Message, StringComparison.Ordinal);
        Assert.Null(unknown.Version);

        await session.ReplaceAsync(policy.Uri("stores.gov"), "store db duckdb { file \"lab.duckdb\" }\n", 3);
        await session.DiagnosticsAsync(data, p => p.Diagnostics.All(d => d.Code != "GOV0119"));
    }

    [Fact]
    public async Task Incremental_edits_apply_in_order_and_diagnostics_follow_the_last()
    {
        using var policy = TempPolicy.CopyOfExample("astronomy-lab");
        var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path);
        await using var _1 = session;
        var uri = policy.Uri("lab.gov");
        await session.OpenAsync(uri, policy.Read("lab.gov"));
        var lines = policy.Read("lab.gov").Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("archive to offsite as parquet", StringComparison.Ordinal));
        var at = lines[line].IndexOf("offsite", StringComparison.Ordinal);
        // Typing "x" then deleting it then typing "y", one key at a time, as an editor sends it.
        var version = 1;
        await session.EditAsync(uri, ++version, new Range(new Position(line, at), new Position(line, at)), "x");
        await session.EditAsync(uri, ++version, new Range(new Position(line, at), new Position(line, at + 1)), "");
        await session.EditAsync(uri, ++version, new Range(new Position(line, at + 7), new Position(line, at + 7)), "y");

        var published = await session.DiagnosticsAsync(uri, p => p.Version == version);
        var unknown = Assert.Single(published.Diagnostics, d => d.Code == "GOV0119");
        Assert.Equal(new Range(new Position(line, at), new Position(line, at + 8)), unknown.Range);
        Assert.Contains("`offsitey`", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_an_unsaved_new_file_removes_it_from_the_policy_and_clears_its_diagnostics()
    {
        using var policy = TempPolicy.CopyOfExample("astronomy-lab");
        var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path);
        await using var _1 = session;
        var draft = policy.Uri("zz-draft.gov");
        await session.OpenAsync(draft, "role researcher \"again\"\n");
        await session.DiagnosticsAsync(draft, p => p.Diagnostics.Any(d => d.Code == "GOV0105"));
        await session.DiagnosticsAsync(policy.Uri("lab.gov"));

        await session.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = draft } });
        await session.DiagnosticsAsync(draft, p => p.Diagnostics.Count == 0);
    }

    [Fact]
    public async Task A_file_created_on_disk_joins_the_policy_when_the_client_reports_it()
    {
        using var policy = TempPolicy.CopyOfExample("astronomy-lab");
        var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path);
        await using var _1 = session;
        await session.OpenAsync(policy.Uri("lab.gov"), policy.Read("lab.gov"));
        await session.DiagnosticsAsync(policy.Uri("lab.gov"));

        policy.Write("zz-extra.gov", "role analyst \"again\"\n");
        await session.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = policy.Uri("zz-extra.gov"), type = 1 } } });
        await session.DiagnosticsAsync(policy.Uri("zz-extra.gov"), p => p.Diagnostics.Any(d => d.Code == "GOV0105"));

        File.Delete(policy.File("zz-extra.gov"));
        await session.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = policy.Uri("zz-extra.gov"), type = 3 } } });
        await session.DiagnosticsAsync(policy.Uri("zz-extra.gov"), p => p.Diagnostics.Count == 0);
    }

    [Fact]
    public async Task A_file_outside_any_workspace_folder_forms_a_policy_with_its_own_folder()
    {
        using var policy = TempPolicy.Empty();
        policy.Write("stores.gov", "store db duckdb { file \"x.duckdb\" }\n");
        var (session, _) = await LanguageServerSession.InitializedAsync(null);
        await using var _1 = session;
        var main = policy.Uri("main.gov");
        await session.OpenAsync(main, "policy \"p\" { version \"1\" owner \"o\" review every 90 days }\nclassification public\ndataset d in db table \"t\" { owner \"o\" classification public column id bigint }\n");
        var published = await session.DiagnosticsAsync(main);
        Assert.DoesNotContain(published.Diagnostics, d => d.Code == "GOV0119");
        await session.DiagnosticsAsync(policy.Uri("stores.gov"));
    }

    [Fact]
    public async Task A_duplicate_declaration_points_at_the_first_one()
    {
        using var policy = TempPolicy.Empty();
        policy.Write("a.gov", "role r \"first\"\n");
        var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path);
        await using var _1 = session;
        var b = policy.Uri("b.gov");
        await session.OpenAsync(b, "policy \"p\" { version \"1\" owner \"o\" review every 90 days }\n\nrole r \"second\"\n");
        var duplicate = Assert.Single((await session.DiagnosticsAsync(b)).Diagnostics, d => d.Code == "GOV0105");
        var related = Assert.Single(duplicate.RelatedInformation!);
        Assert.Equal(policy.Uri("a.gov"), related.Location.Uri);
        Assert.Equal(0, related.Location.Range.Start.Line);
        Assert.Equal("first declared here", related.Message);
    }

    [Fact]
    public async Task A_conflict_shows_both_declarations_even_in_two_files()
    {
        using var policy = TempPolicy.Empty();
        policy.Write("targets.gov", "dataset targets in db table \"targets\" {\n  key name\n  retain 1 year by added then delete\n}\n");
        var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path);
        await using var _1 = session;
        var main = policy.Uri("main.gov");
        await session.OpenAsync(main, "policy \"p\" { version \"1\" owner \"o\" review every 90 days }\nclassification public\nstore db postgres { connection env(\"PG\") tls required }\n"
            + "dataset obs in db table \"obs\" {\n  key id\n  expect target references targets.name\n  retain 5 years by seen then delete\n}\n");
        var conflict = Assert.Single((await session.DiagnosticsAsync(main)).Diagnostics, d => d.Code == "GOV0333");
        Assert.Equal(6, conflict.Range.Start.Line);
        var related = Assert.Single(conflict.RelatedInformation!);
        Assert.Equal(policy.Uri("targets.gov"), related.Location.Uri);
        Assert.Equal(2, related.Location.Range.Start.Line);
        Assert.Contains("1 year", related.Message, StringComparison.Ordinal);
    }

    private static string Seed(string text)
    {
        foreach (var (find, replace) in Seeds)
        {
            Assert.Contains(find, text, StringComparison.Ordinal);
            text = text.Replace(find, replace, StringComparison.Ordinal);
        }

        return text;
    }
}
