namespace PolicyLang.Core.Syntax;

/// <summary>Visits node families; declarations, members, values and statements are dispatched by pattern inside each Visit.</summary>
public interface ISyntaxVisitor<out T>
{
    T VisitFile(PolicyFileSyntax node);

    T VisitDeclaration(DeclarationSyntax node);

    T VisitDatasetMember(DatasetMemberSyntax node);

    T VisitControlStatement(ControlStatementSyntax node);

    T VisitSetting(SettingSyntax node);

    T VisitValue(ValueSyntax node);

    T VisitIdentifier(IdentifierSyntax node);

    T VisitStringLiteral(StringLiteralSyntax node);

    T VisitColumnPath(ColumnPathSyntax node);

    T VisitType(TypeSyntax node);

    T VisitArchiveStep(ArchiveStepSyntax node);

    T VisitSafeguardId(SafeguardIdSyntax node);

    T VisitTestRow(TestRowSyntax node);

    T VisitTestField(TestFieldSyntax node);
}
