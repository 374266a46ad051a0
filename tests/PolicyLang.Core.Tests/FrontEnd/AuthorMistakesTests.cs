using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Tests.Binding;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.FrontEnd;

/// <summary>
/// Mistakes a governance author makes, one policy each: every one gives exactly the listed coded
/// diagnostics (no cascade), at the listed line and column of the fragment, underlining the listed
/// text, and the first message tells the author what to write. Fragments are compiled after
/// <see cref="DiagnosticExamples.Prelude"/> unless they declare their own policy.
/// </summary>
public sealed class AuthorMistakesTests
{
    public static readonly TheoryData<string, string, string> Mistakes = new()
    {
        { "dataset logs in research tabel \"logs\" { }", "GOV0001 1:26 `tabel`", "did you mean `table`?" },
        { "datset logs in research table \"logs\" { }", "GOV0001 1:1 `datset`", "did you mean `dataset`?" },
        { "dataset logs in research table \"logs\" { exepct id unique }", "GOV0001 1:41 `exepct`", "did you mean `expect`?" },
        { "dataset logs in research table \"logs\" { expect id unqiue }", "GOV0001 1:51 `unqiue`", "did you mean `unique`?" },
        { "dataset logs in research table \"logs\" { expect ts fresher then 2 days }", "GOV0001 1:59 `then`", "expected `than`" },
        { "dataset logs in research table \"logs\" { expect ts fresher than 2 }", "GOV0001 1:66 `}`", "expected a duration unit" },
        { "dataset logs in research table \"logs\" { retain 30 dys by ts then delete }", "GOV0001 1:51 `dys`", "did you mean `days`?" },
        { "store ops postgres { connection env(\"PG_URL\") tsl required }", "GOV0001 1:47 `tsl`", "did you mean `tls`?" },
        { "store cache redis { connection env(\"REDIS_URL\") }\ndataset sessions in cache table \"sessions\" { owner \"web\" }", "GOV0120 1:13 `redis`", "expected `postgres`, `mongodb`, `s3`, `duckdb`, `folder`" },
        { "dataset logs in reserch table \"logs\" { }", "GOV0119 1:17 `reserch`", "did you mean `research`?" },
        { "dataset logs in research collection \"logs\" { }", "GOV0200 1:26 `collection`", "needs a `mongodb` store" },
        { "dataset logs in research table \"logs\" {\n  column id bigint\n  expect idd unique\n}", "GOV0202 3:10 `idd`", "did you mean `id`?" },
        { "dataset logs in research table \"logs\" {\n  column id bigint\n  expect rows between 10 and 5\n}", "GOV0210 3:23 `10 and 5`", "is empty" },
        { "dataset logs in research table \"logs\" {\n  column id bigint\n  expect mean(id) between 1 and 2 tolerance 5%\n}", "GOV0241 3:35 `tolerance 5%`", "widen the bound instead" },
        { "dataset logs in research table \"logs\" {\n  column msg text\n  expect mean(msg) > 1\n}", "GOV0209 3:10 `mean`", "needs a numeric column" },
        { "dataset logs in research table \"logs\" { expect quantile(x, 95) <= 3 }", "GOV0240 1:60 `95`", "between 0 and 1" },
        { "dataset logs in research table \"logs\" {\n  expect rows >= 100\n}", "GOV0219 2:10 `rows`", "to require a number of rows, write `expect rows at least 100`" },
        { "dataset logs in research table \"logs\" { expect rows = 5 }", "GOV0219 1:48 `rows`", "a row count is bounded with `expect rows at least n` and `expect rows at most n`" },
        { "dataset logs in research table \"logs\" { expect null fraction(x) at most 150% }", "GOV0242 1:73 `150%`", "between 0% and 100%" },
        { "dataset logs in research table \"logs\" { expect mean(x) at most 2% }", "GOV0242 1:64 `2%`", "only `null fraction` is compared with a percentage" },
        { "dataset logs in research table \"logs\" { expect count distinct(x) >= 1.5 }", "GOV0242 1:69 `1.5`", "whole number" },
        { "dataset logs in research table \"logs\" {\n  column id bigint\n  expect rows = -1\n}", "GOV0115 3:17 `-1`", "at least 0" },
        { "controls cis-v8 { require 3.4 }", "GOV0401 1:27 `3.4`", "declare `retain` on every dataset (every dataset has a retention window), or name it in a rule's `covers 3.4`" },
        { "controls cis-v8 { require 4.1 }", "GOV0401 1:27 `4.1`", "no built-in statement covers it: name it in a rule's `covers 4.1`" },
        { "dataset logs in research table \"logs\" { expect id between \"a\" and 5 }", "GOV0209 1:67 `5`", "they must be of one type" },
        { "dataset stars in research table \"stars\" { expect ra between 360 and 0 }", "GOV0210 1:61 `360 and 0`", "its lower bound is greater than its upper bound" },
        { "dataset people in research table \"people\" { expect email matches \"[a-\" }", "GOV0212 1:66 `\"[a-\"`", "unterminated bracket" },
        { "dataset stars in research table \"stars\" { expect ra between 0 and 360 expect rows at least 99999999999 }", "GOV0115 1:92 `99999999999`", "is too large" },
        { "dataset stars in research table \"stars\" { column email text mask email with last(99999999999) }", "GOV0308 1:82 `99999999999`", "keeps too many characters" },
        { "dataset stars in research table \"stars\" { expect ra between 0 and 360 }\ntest stars { row { ra: 400 } fails ra_between, ra_between }", "GOV0315 2:48 `ra_between`", "already named in this row" },
        { "dataset people in research table \"people\" { expect name matches \"\\bsmith\" }", "GOV0218 1:65 `\"\\bsmith\"`", "uses `\\b`, which regex engines read differently" },
        { "dataset people in research table \"people\" { expect name matches \"(?i)^smith$\" }", "GOV0218 1:65 `\"(?i)^smith$\"`", "look-around, inline flags" },
        { "dataset people in research table \"people\" { expect name matches \"^\\p{L}+$\" }", "GOV0218 1:65 `\"^\\p{L}+$\"`", "uses `\\p`" },
        { "dataset logs in research table \"logs\" { owner \"a\" }\ndataset logs in research table \"logs_v2\" { owner \"b\" }", "GOV0105 2:9 `logs`", "already declared at main.gov:6" },
        { "dataset logs in research table \"logs\" {\n  expect id unique\n  expect id unique severity warn\n}", "GOV0205 3:10 `id unique`", "name one of them with `as <name>`" },
        { "dataset customers in research table \"customers\" { }\ndataset orders in research table \"orders\" { expect customer_id references custmers.id }", "GOV0214 2:75 `custmers`", "did you mean `customers`?" },
        { "dataset customers in research table \"customers\" { column id bigint }\ndataset orders in research table \"orders\" { expect customer_id references customers.customer_id }", "GOV0202 2:85 `customer_id`", "declared: `id`" },
        { "dataset logs in research table \"logs\" { retain 30 days by ts then archive to research as parquet then delete }", "GOV0304 1:78 `research`", "archive to an `s3` or `folder` store" },
        { "dataset people in research table \"people\" {\n  column name text\n  retain 30 days by name then delete\n}", "GOV0303 3:21 `name`", "needs a timestamp or date column" },
        { "dataset people in research table \"people\" {\n  column id bigint\n  mask email with sha256\n}", "GOV0202 3:8 `email`", "declared: `id`" },
        { "dataset logs in research table \"logs\" { grant read to analysts }", "GOV0311 1:55 `analysts`", "did you mean `analyst`?" },
        { "dataset logs in research table \"logs\" { classification internl }", "GOV0201 1:56 `internl`", "did you mean `internal`?" },
        { "classification public < internal\nrole analyst \"Analysts\"", "GOV0100 1:1 ``", "no `policy \"title\" { ... }` declaration" },
        { "policy \"Lab\" { version \"1\" owner \"ops\" review every 90 days }\nstore local duckdb { file \"lab.duckdb\" }\ndataset logs in local table \"logs\" { classification internal }\ndataset users in local table \"users\" { classification public }", "GOV0102 1:1 ``", "declare its levels" },
        { "policy \"Lab\" { version \"1\" owner \"ops\" review every 90 days }\nclassification public\npolicy \"Lab again\" { version \"2\" }", "GOV0101 3:1 `policy`", "all files form one policy" },
        { "store ops postgres { connection \"Host=db;Username=ops;Password=hunter2\" }", "GOV0124 1:33 `\"Host=db;Username=ops;Password=hunter2\"`", "secrets only through `env(\"NAME\")`" },
        { "role auditor \"Auditors\nrole reviewer \"Reviewers\"", "GOV0003 1:14 `\"Auditors`", "never closed with `\"`" },
        { "dataset logs in research table \"logs\" {\n  owner \"ops\"\nrole auditor \"Auditors\"", "GOV0001 3:1 `role`", "expected a dataset member" },
        { "role auditor \"Auditors\" /* who may read the audit log\nrole reviewer \"Reviewers\"", "GOV0004 1:25 `/*`", "never closed with `*/`" },
        { "approval \"Ann\" role \"Data owner\" on 2025-02-30 approved", "GOV0111 1:37 `2025-02-30`", "dates are written yyyy-mm-dd" },
        { "change \"1.1\" on 27/07/2025 by \"Ann\" \"Tighter retention\"", "GOV0111 1:17 `27/07/2025`", "dates are written yyyy-mm-dd" },
        { "controls cis-v8 { waive 3.11 \"migration to encrypted volumes\" until 2020-01-01 }", "GOV0403 1:19 `waive 3.11 \"migration to encrypted volumes\" until 2020-01-01`", "expired on 2020-01-01" },
        { "controls cis-v8 { require 3.99 }", "GOV0400 1:27 `3.99`", "did you mean `3.9`?" },
        { "dataset logs in research table \"logs\" { expect id unique }\ntest logs { row { id: 1 } fails id_uniq }", "GOV0313 2:33 `id_uniq`", "did you mean `id_unique`?" },
        { "dataset logs in research table \"logs\" { expect id unique }\ntest logs { row { id: 1 } fail id_unique }", "GOV0001 2:27 `fail`", "did you mean `fails`?" },
        { "dataset logs in research table \"logs\" { expect id unique }\ntest logs { row { id = 1 } passes }", "GOV0001 2:22 `=`", "expected `:`" },
        { "test log { row { id: 1 } passes }\ndataset logs in research table \"logs\" { }", "GOV0214 1:6 `log`", "did you mean `logs`?" },
        { "dataset logs in research table \"logs\" { expect id unique tolerance 5 }", "GOV0207 1:68 `5`", "write `5%`" },
        { "dataset logs in research table \"logs\" { expect id unique severity critical }", "GOV0206 1:67 `critical`", "expected `error`, `warn`, `info`" },
        { "store ops postgres { connection env(\"PG_URL\") tls requried }", "GOV0123 1:51 `requried`", "did you mean `required`?" },
        { "store vault s3 { bucket \"vault\" encryption kms }", "GOV0125 1:33 `encryption kms`", "`encryption kms \"key-id\"`" },
        { "store ops postgres { connection env(\"PG-URL\") }", "GOV0113 1:37 `\"PG-URL\"`", "use letters, digits and `_`" },
        { "store ops postgres { connection env(PG_URL) }", "GOV0001 1:37 `PG_URL`", "write it in quotes: `\"PG_URL\"`" },
        { "store vault s3 { bucket \"\" }", "GOV0123 1:25 `\"\"`", "not an empty string" },
        { "backup nightly { covers research every fortnight keep 2 }", "GOV0114 1:40 `fortnight`", "expected `day`, `week`, `month`, `quarter`, `year`" },
        { "audit { store research retain 1 year }", "GOV0128 1:1 `audit`", "needs `table \"name\"`" },
        { "dataset logs in research table \"logs\" { retain 30 days by last-modified then delete }", "GOV0301 1:59 `last-modified`", "by a timestamp column" },
        { "dataset frames in archive prefix \"raw/\" { retain 30 days by created_at then delete }", "GOV0302 1:61 `created_at`", "aged `by last-modified`" },
        { "dataset frames in archive prefix \"raw/\" { expect rows at least 10 }", "GOV0208 1:50 `rows`", "use `objects at least` or `object-age fresher than`" },
        { "approval \"Ann\" role \"Data owner\" on 2025-01-10 aproved", "GOV0116 1:48 `aproved`", "did you mean `approved`?" },
        { "controls cis-v8 { waive 3.4 until 2027-01-01 }", "GOV0117 1:19 `waive 3.4 until 2027-01-01`", "needs a reason" },
        { "controls cis-v9 { require 3.1 }", "GOV0108 1:10 `cis-v9`", "did you mean `cis-v8`?" },
        { "policy \"Lab\" { version \"1\" frameworks cis-v8, nist-csf-3 }\nclassification public", "GOV0110 1:47 `nist-csf-3`", "did you mean `nist-csf-1.1`?" },
        { "dataset flags in research table \"flags\" { expect enabled = maybe }", "GOV0217 1:60 `maybe`", "write text in quotes" },
        { "dataset raw-frames in archive prefix \"raw/\" { }", "GOV0129 1:9 `raw-frames`", "write `raw_frames`" },
        { "role données \"Data team\"", "GOV0002 1:6 `données`", "ASCII letters, digits and `_`" },
        { "role auditor \"Auditors\" ;", "GOV0002 1:25 `;`", "unexpected character `;`" },
        { "dataset logs in research table \"logs\" { expect level in [\"a\", \"b\"] or nul }", "GOV0001 1:71 `nul`", "did you mean `null`?" },
        { "dataset logs in research table \"logs\" { column id bigint column id text }", "GOV0203 1:65 `id`", "already declared in dataset `logs`" },
        // `key id, name` is a composite key (docs/composite-keys.md); naming a column twice is the mistake.
        { "dataset logs in research table \"logs\" { key id, name, id }", "GOV0230 1:55 `id`", "already a column of the key" },
        { "dataset logs in research table \"logs\" { retain 2000000000 years by ts then delete }", "GOV0112 1:48 `2000000000 years`", "at most 1000 years" },
        { "dataset logs in research table \"logs\" { column id bigint not nul }", "GOV0001 1:62 `nul`", "did you mean `null`?" },
        { "dataset logs in research table \"logs\" { expect band in \"G\", \"BP\" }", "GOV0001 1:56 `\"G\"`", "expected a list `[a, b]`" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Each_mistake_gives_its_located_diagnostics_and_advice(string fragment, string expected, string advice)
    {
        var text = DiagnosticExamples.Complete(fragment);
        var compilation = Compile(text);
        var linesBefore = text.Length - fragment.Length == 0 ? 0 : DiagnosticExamples.Prelude.Count(c => c == '\n');
        var actual = string.Join(" | ", compilation.Diagnostics.Select(d => $"{d.Code} {d.Start.Line - linesBefore}:{d.Start.Column} `{d.File.GetText(d.Span)}`"));
        Assert.Equal(expected, actual);
        Assert.Contains(advice, compilation.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_beyond_double_range_is_one_diagnostic_not_an_emit_failure()
    {
        var huge = "1" + new string('0', 400);
        var compilation = Compile(DiagnosticExamples.Complete($"dataset logs in research table \"logs\" {{ expect id > {huge} }}"));
        var diagnostic = Assert.Single(compilation.Diagnostics);
        Assert.Equal(("GOV0217", huge), (diagnostic.Code, diagnostic.File.GetText(diagnostic.Span)));
    }

    [Fact]
    public void A_literal_connection_string_is_never_repeated()
    {
        var compilation = Compile(DiagnosticExamples.Complete("store ops postgres { connection \"Host=db;Password=hunter2\" }"));
        Assert.DoesNotContain(compilation.Diagnostics, d => d.Message.Contains("hunter2", StringComparison.Ordinal));
    }

    private static PolicyCompilation Compile(string text) =>
        PolicyCompilation.Create([new SourceFile("main.gov", text)], BindingAssert.Today);
}
