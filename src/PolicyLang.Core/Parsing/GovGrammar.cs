using Pidgin;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using static Pidgin.Parser;
using static PolicyLang.Core.Parsing.GrammarPrimitives;
using static PolicyLang.Core.Parsing.ValueGrammar;

namespace PolicyLang.Core.Parsing;

/// <summary>
/// Step two: tokens to syntax. One production per construct of LANGUAGE.md (mirrored in
/// grammar/policy.ebnf). <c>Try</c> appears only where a documented ambiguity needs it.
/// </summary>
internal static class GovGrammar
{
    private static DeclarationStart Open<T>(BlockForm form, Func<T[], TextSpan, DeclarationSyntax> build)
        where T : SyntaxNode =>
        new OpenBlock(form, (members, span) => build([.. members.Cast<T>()], span));

    // ---- policy ----

    /// <summary><c>schedule "cron" [in "Time/Zone"]</c>, on the policy or a dataset: when the runner runs it (docs/operations.md "Schedules").</summary>
    private static readonly Parser<Token, SettingSyntax> Schedule =
        Map(
            (kw, cron, zone) => new SettingSyntax(kw, zone.HasValue ? [cron, zone.Value] : [cron], Cover(kw, zone.HasValue ? zone.Value : cron)),
            Kw("schedule"),
            StringValue,
            Kw("in").Then(StringValue).Optional());

    private static readonly Parser<Token, SettingSyntax> PolicySetting = OneOf(
            Setting("name", StringValue),
            Setting("version", StringValue),
            Setting("owner", StringValue),
            Setting("description", StringValue),
            Map((kw, _, d) => new SettingSyntax(kw, [d], Cover(kw, d)), Kw("review"), Kw("every"), Duration),
            ListSetting("frameworks", Word),
            Schedule)
        .LabelledAtStart("a policy setting (name, version, owner, review, frameworks, description, schedule)");

    private static readonly BlockForm PolicyBlock = new(
        PolicySetting.Select(s => (SyntaxNode)s),
        "a policy setting (name, version, owner, review, frameworks, description, schedule)",
        ["name", "version", "owner", "description", "review", "frameworks", "schedule"]);

    private static readonly Parser<Token, DeclarationStart> PolicyDeclaration =
        Map(
            (kw, title, _) => Open<SettingSyntax>(PolicyBlock, (settings, span) => new PolicyDeclarationSyntax(title, settings, span)),
            Kw("policy"),
            StringLiteral,
            LBrace);

    private static readonly Parser<Token, DeclarationSyntax> ClassificationDeclaration =
        Map(
            (kw, levels) => (DeclarationSyntax)new ClassificationDeclarationSyntax(levels.ToArray(), Cover(kw, levels.ToArray())),
            Kw("classification"),
            Name.SeparatedAtLeastOnce(Tok(TokenKind.Less, "`<`")));

    private static readonly Parser<Token, DeclarationSyntax> RoleDeclaration =
        Map(
            (kw, name, description) => (DeclarationSyntax)new RoleDeclarationSyntax(
                name, description.OrNull(), Cover(kw, (SyntaxNode?)description.OrNull() ?? name)),
            Kw("role"),
            Name,
            StringLiteral.Optional());

    // ---- stores ----
    private static readonly Parser<Token, ValueSyntax> StoreValue = OneOf(Env, StringValue, Word);

    private static readonly Parser<Token, SettingSyntax> Encryption =
        Map(
            (kw, method, key) => new SettingSyntax(
                kw,
                key.HasValue ? [method, new StringValueSyntax(key.Value.Value, key.Value.Span)] : [method],
                Cover(kw, (SyntaxNode?)key.OrNull() ?? method)),
            Kw("encryption"),
            OneOf(Word, StringValue), // a quoted method is the binder's "wrong kind of value", not a syntax error
            StringLiteral.Optional());

    private static readonly Parser<Token, SettingSyntax> StoreSetting = OneOf(
            Setting("connection", StoreValue),
            Setting("tls", StoreValue),
            Setting("bucket", StoreValue),
            Setting("region", StoreValue),
            Setting("endpoint", StoreValue),
            Setting("storage-class", StoreValue),
            Encryption,
            Setting("file", StoreValue),
            Setting("path", StoreValue))
        .LabelledAtStart("a store setting (connection, tls, bucket, region, endpoint, storage-class, encryption, file, path)");

    private static readonly BlockForm StoreBlock = new(
        StoreSetting.Select(s => (SyntaxNode)s),
        "a store setting (connection, tls, bucket, region, endpoint, storage-class, encryption, file, path)",
        ["connection", "tls", "bucket", "region", "endpoint", "storage-class", "encryption", "file", "path"]);

    private static readonly Parser<Token, DeclarationStart> StoreDeclaration =
        Map(
            (kw, name, kind, _) => Open<SettingSyntax>(StoreBlock, (settings, span) => new StoreDeclarationSyntax(name, kind, settings, span)),
            Kw("store"),
            Name,
            Name.LabelledAtStart("a store kind (postgres, mongodb, s3, duckdb, folder)"),
            LBrace);

    // ---- datasets ----
    private static readonly Parser<Token, DatasetMemberSyntax> DatasetSetting = OneOf(
            Setting("description", StringValue),
            Setting("owner", StringValue),
            Setting("steward", StringValue),
            Setting("classification", Word),
            ListSetting("key", Word),
            Schedule,
            Setting("watermark", Word))
        .Select<DatasetMemberSyntax>(s => new DatasetSettingSyntax(s, s.Span));

    private static readonly Parser<Token, TypeSyntax> ColumnType =
        Map(
            (name, args) => new TypeSyntax(
                name,
                args.HasValue ? args.Value.Items : [],
                args.HasValue ? TextSpan.Cover(name.Span, args.Value.Close.Span) : name.Span),
            Name.LabelledAtStart("a column type"),
            Map((_, items, close) => (Items: (IReadOnlyList<NumberValueSyntax>)items.ToArray(), Close: close), LParen, Number.Separated(Comma), RParen).Optional());

    private static readonly Parser<Token, IdentifierSyntax> ColumnModifier = OneOf(
        Map((not, nul) => new IdentifierSyntax("not null", Cover(not, nul)), Kw("not"), Kw("null")),
        Kw("pii"));

    private static readonly Parser<Token, DatasetMemberSyntax> ColumnDeclaration =
        Map(
            (kw, name, type, modifiers) => (DatasetMemberSyntax)new ColumnDeclarationSyntax(
                name, type, modifiers.ToArray(), Cover(kw, modifiers.Any() ? modifiers.Last() : type)),
            Kw("column"),
            ColumnName,
            ColumnType,
            ColumnModifier.Many());

    private static readonly Parser<Token, DatasetMemberSyntax> Rule = RuleGrammar.Rule;

    private static readonly Parser<Token, ArchiveStepSyntax> ArchiveStep =
        Map(
            (kw, _, store, _, format, then) => new ArchiveStepSyntax(store, format, Cover(kw, then)),
            Kw("archive"),
            Kw("to"),
            Name,
            Kw("as"),
            Name.LabelledAtStart("an archive format (parquet, jsonl)"),
            Kw("then"));

    private static readonly Parser<Token, (IdentifierSyntax Action, IReadOnlyList<ColumnPathSyntax> Columns)> RetentionAction = OneOf(
            Kw("delete").Select(kw => (kw, (IReadOnlyList<ColumnPathSyntax>)[])),
            Map((kw, cols) => (kw, (IReadOnlyList<ColumnPathSyntax>)cols.ToArray()), Kw("anonymize"), ColumnPath.SeparatedAtLeastOnce(Comma)))
        .LabelledAtStart("`delete` or `anonymize <columns>`");

    /// <summary><c>in store</c> in a <c>retain</c> stage: the archive store whose copies the stage expires.</summary>
    private static readonly Parser<Token, IdentifierSyntax> CopiesIn =
        Map((_, store) => store, Kw("in"), Name.LabelledAtStart("an archive store"));

    private static readonly Parser<Token, DatasetMemberSyntax> Retain =
        Map(
            (kw, window, _, by, copiesIn, _, archive, action) => (DatasetMemberSyntax)new RetainSyntax(
                window,
                by,
                archive.OrNull(),
                action.Action,
                action.Columns,
                Cover(kw, action.Columns.Count > 0 ? action.Columns[^1] : action.Action))
            { CopiesIn = copiesIn.OrNull() },
            Kw("retain"),
            Duration,
            Kw("by"),
            ColumnPath.LabelledAtStart("a time column or `last-modified`"),
            CopiesIn.Optional(),
            Kw("then"),
            ArchiveStep.Optional(),
            RetentionAction);

    private static readonly Parser<Token, (IdentifierSyntax Method, NumberValueSyntax? Keep, TextSpan End)> MaskMethod = OneOf(
            Map((kw, _, n, close) => (kw, (NumberValueSyntax?)n, close.Span), Kw("last"), LParen, Number, RParen),
            Name.Select(n => (n, (NumberValueSyntax?)null, n.Span)))
        .LabelledAtStart("a masking method (sha256, redact, last(n))");

    private static readonly Parser<Token, DatasetMemberSyntax> Mask =
        Map(
            (kw, column, _, method) => (DatasetMemberSyntax)new MaskSyntax(column, method.Method, method.Keep, TextSpan.Cover(kw.Span, method.End)),
            Kw("mask"),
            ColumnPath,
            Kw("with"),
            MaskMethod);

    private static readonly Parser<Token, DatasetMemberSyntax> Grant =
        Map(
            (kw, privilege, _, roles) => (DatasetMemberSyntax)new GrantSyntax(privilege, roles.ToArray(), Cover(kw, roles.ToArray())),
            Kw("grant"),
            Name.LabelledAtStart("a privilege (read, write)"),
            Kw("to"),
            Name.SeparatedAtLeastOnce(Comma));

    private static readonly Parser<Token, DatasetMemberSyntax> DatasetMember = OneOf(
            DatasetSetting, ColumnDeclaration, Rule, Retain, Mask, Grant);

    private static readonly BlockForm DatasetBlock = new(
        DatasetMember.Select(m => (SyntaxNode)m),
        "a dataset member (description, owner, steward, classification, key, schedule, column, expect, retain, mask, grant, watermark)",
        ["description", "owner", "steward", "classification", "key", "schedule", "column", "expect", "retain", "mask", "grant", "watermark"]);

    private static readonly Parser<Token, DeclarationStart> DatasetDeclaration =
        Map(
            (kw, name, _, store, kind, location, _) => Open<DatasetMemberSyntax>(
                DatasetBlock, (members, span) => new DatasetDeclarationSyntax(name, store, kind, location, members, span)),
            Kw("dataset"),
            Name,
            Kw("in"),
            Name.LabelledAtStart("a store name"),
            OneOfWords("a location kind (table, collection, prefix, file)", "table", "collection", "prefix", "file"),
            StringLiteral,
            LBrace);

    // ---- audit and backup ----
    private static readonly Parser<Token, SettingSyntax> AuditSetting = OneOf(
            Setting("store", Word),
            Setting("table", StringValue),
            Setting("retain", Duration.Select<ValueSyntax>(d => d)),
            Flag("tamper-evident"))
        .LabelledAtStart("an audit setting (store, table, retain, tamper-evident)");

    private static readonly BlockForm AuditBlock = new(
        AuditSetting.Select(s => (SyntaxNode)s), "an audit setting (store, table, retain, tamper-evident)", ["store", "table", "retain", "tamper-evident"]);

    private static readonly Parser<Token, DeclarationStart> AuditDeclaration =
        Map(
            (_, _) => Open<SettingSyntax>(AuditBlock, (settings, span) => new AuditDeclarationSyntax(settings, span)),
            Kw("audit"),
            LBrace);

    /// <summary>
    /// <c>evidence in store prefix "backups/db/"</c> in a backup: where its copies land; or <c>evidence in db table "ops.backups" by
    /// finished_at</c>: the table (collection) its tool records each copy in, one row per copy, timed by a column.
    /// </summary>
    private static readonly Parser<Token, SettingSyntax> BackupEvidence =
        Map(
            (kw, _, store, kind, location, column) => new SettingSyntax(
                kw,
                column.HasValue ? [store, new WordValueSyntax(kind, kind.Span), location, column.Value] : [store, new WordValueSyntax(kind, kind.Span), location],
                Cover(kw, column.HasValue ? column.Value : location)),
            Kw("evidence"),
            Kw("in"),
            Word.LabelledAtStart("a store name"),
            OneOfWords("a location kind (prefix, table, collection)", "prefix", "table", "collection"),
            StringValue,
            Kw("by").Then(Word).Optional());

    private static readonly Parser<Token, SettingSyntax> BackupSetting = OneOf(
            ListSetting("covers", Word),
            Setting("tool", StringValue),
            Map((kw, period, _, n) => new SettingSyntax(kw, [period, n], Cover(kw, n)), Kw("every"), Word, Kw("keep"), Number),
            Setting("retain", Duration.Select<ValueSyntax>(d => d)),
            Setting("offsite", Word),
            Encryption,
            Map((kw, _, period) => new SettingSyntax(kw, [period], Cover(kw, period)), Kw("restore-test"), Kw("every"), Word),
            BackupEvidence)
        .LabelledAtStart("a backup setting (covers, tool, every, retain, offsite, encryption, restore-test, evidence)");

    private static readonly BlockForm BackupBlock = new(
        BackupSetting.Select(s => (SyntaxNode)s),
        "a backup setting (covers, tool, every, retain, offsite, encryption, restore-test, evidence)",
        ["covers", "tool", "every", "retain", "offsite", "encryption", "restore-test", "evidence"]);

    private static readonly Parser<Token, DeclarationStart> BackupDeclaration =
        Map(
            (_, name, _) => Open<SettingSyntax>(BackupBlock, (settings, span) => new BackupDeclarationSyntax(name, settings, span)),
            Kw("backup"),
            Name,
            LBrace);

    // ---- history ----
    private static readonly Parser<Token, SettingSyntax> HistorySetting = OneOf(
            Setting("store", Word),
            Setting("table", StringValue),
            Setting("collection", StringValue),
            Setting("path", StringValue))
        .LabelledAtStart("a history setting (store, table, collection, path)");

    private static readonly BlockForm HistoryBlock = new(
        HistorySetting.Select(s => (SyntaxNode)s), "a history setting (store, table, collection, path)", ["store", "table", "collection", "path"]);

    private static readonly Parser<Token, DeclarationStart> HistoryDeclaration =
        Map(
            (_, _) => Open<SettingSyntax>(HistoryBlock, (settings, span) => new HistoryDeclarationSyntax(settings, span)),
            Kw("history"),
            LBrace);

    // ---- controls, approvals, changes ----
    private static readonly Parser<Token, ControlStatementSyntax> ControlStatement = OneOf(
            Map(
                (kw, ids) => (ControlStatementSyntax)new RequireSyntax(ids.ToArray(), Cover(kw, ids.ToArray())),
                Kw("require"),
                SafeguardId.SeparatedAtLeastOnce(Comma)),
            Map(
                (kw, id, text) => (ControlStatementSyntax)new EvidenceSyntax(id, text, Cover(kw, text)),
                Kw("evidence"),
                SafeguardId,
                StringLiteral),
            Map(
                (kw, id, reason, until) => (ControlStatementSyntax)new WaiveSyntax(
                    id, reason.OrNull(), until.OrNull(), Cover(kw, (SyntaxNode?)until.OrNull() ?? (SyntaxNode?)reason.OrNull() ?? id)),
                Kw("waive"),
                SafeguardId,
                StringLiteral.Optional(),
                Kw("until").Then(Date).Optional()))
        .LabelledAtStart("a controls statement (require, evidence, waive)");

    private static readonly BlockForm ControlsBlock = new(
        ControlStatement.Select(s => (SyntaxNode)s), "a controls statement (require, evidence, waive)", ["require", "evidence", "waive"]);

    private static readonly Parser<Token, DeclarationStart> ControlsDeclaration =
        Map(
            (_, framework, _) => Open<ControlStatementSyntax>(ControlsBlock, (statements, span) => new ControlsDeclarationSyntax(framework, statements, span)),
            Kw("controls"),
            Name.LabelledAtStart("a framework (cis-v8)"),
            LBrace);

    private static readonly Parser<Token, DeclarationSyntax> ApprovalDeclaration =
        Map(
            (kw, who, _, role, _, date, status, comment) => (DeclarationSyntax)new ApprovalDeclarationSyntax(
                who, role, date, status, comment.OrNull(), Cover(kw, (SyntaxNode?)comment.OrNull() ?? status)),
            Kw("approval"),
            StringLiteral,
            Kw("role"),
            StringLiteral,
            Kw("on"),
            Date,
            Name.LabelledAtStart("an approval status (approved, pending, rejected)"),
            StringLiteral.Optional());

    private static readonly Parser<Token, DeclarationSyntax> ChangeDeclaration =
        Map(
            (kw, version, _, date, _, author, what) => (DeclarationSyntax)new ChangeDeclarationSyntax(version, date, author, what, Cover(kw, what)),
            Kw("change"),
            StringLiteral,
            Kw("on"),
            Date,
            Kw("by"),
            StringLiteral,
            StringLiteral);

    // ---- tests ----
    private static readonly Parser<Token, TestFieldSyntax> TestField =
        Map((field, _, value) => new TestFieldSyntax(field, value, Cover(field, value)), ColumnPath, Colon, Literal);

    private static readonly Parser<Token, (IdentifierSyntax Outcome, IReadOnlyList<IdentifierSyntax> Rules)> TestOutcome = OneOf(
            Kw("passes").Select(kw => (kw, (IReadOnlyList<IdentifierSyntax>)[])),
            Map((kw, rules) => (kw, (IReadOnlyList<IdentifierSyntax>)rules.ToArray()), Kw("fails"), Name.SeparatedAtLeastOnce(Comma)))
        .LabelledAtStart("`passes` or `fails <rule>`");

    private static readonly Parser<Token, TestRowSyntax> TestRow =
        Map(
            (kw, _, fields, _, outcome) => new TestRowSyntax(
                fields.ToArray(), outcome.Outcome, outcome.Rules, Cover(kw, outcome.Rules.Count > 0 ? outcome.Rules[^1] : outcome.Outcome)),
            Kw("row"),
            LBrace,
            TestField.SeparatedAndOptionallyTerminated(Comma),
            RBrace,
            TestOutcome);

    private static readonly BlockForm TestBlock = new(TestRow.Select(r => (SyntaxNode)r), "a test `row`", ["row"]);

    private static readonly Parser<Token, DeclarationStart> TestDeclaration =
        Map(
            (_, dataset, _) => Open<TestRowSyntax>(TestBlock, (rows, span) => new TestDeclarationSyntax(dataset, rows, span)),
            Kw("test"),
            Name,
            LBrace);

    /// <summary>Words that start a top-level declaration: where recovery resumes after an error.</summary>
    public static readonly string[] DeclarationKeywords =
        ["policy", "classification", "role", "store", "dataset", "audit", "backup", "controls", "approval", "change", "test", "history"];

    private static Parser<Token, DeclarationStart> Whole(Parser<Token, DeclarationSyntax> declaration) =>
        declaration.Select(d => (DeclarationStart)new WholeDeclaration(d));

    /// <summary>
    /// One declaration without a block, or a block declaration's header up to its <c>{</c>, and the token offset just
    /// after it. <see cref="PolicyParser"/> parses block members one at a time, so it can resume after a bad one.
    /// </summary>
    public static readonly Parser<Token, (DeclarationStart Start, int End)> Declaration =
        OneOf(
                PolicyDeclaration,
                Whole(ClassificationDeclaration),
                Whole(RoleDeclaration),
                StoreDeclaration,
                DatasetDeclaration,
                AuditDeclaration,
                BackupDeclaration,
                ControlsDeclaration,
                Whole(ApprovalDeclaration),
                Whole(ChangeDeclaration),
                TestDeclaration,
                HistoryDeclaration)
            .Then(Parser<Token>.CurrentOffset, (start, end) => (start, end));
}
