using PolicyLang.Core.Services;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary>Outline kinds as LSP <c>SymbolKind</c> numbers (the icons editors show).</summary>
internal static class SymbolKinds
{
    public static int Of(PolicySymbolKind kind) => kind switch
    {
        PolicySymbolKind.Policy => 2, // Module
        PolicySymbolKind.Classification => 10, // Enum
        PolicySymbolKind.ClassificationLevel => 22, // EnumMember
        PolicySymbolKind.Role => 13, // Variable
        PolicySymbolKind.Store => 3, // Namespace
        PolicySymbolKind.Dataset => 5, // Class
        PolicySymbolKind.Column => 8, // Field
        PolicySymbolKind.Rule => 12, // Function
        PolicySymbolKind.Retention => 24, // Event
        PolicySymbolKind.Mask => 25, // Operator
        PolicySymbolKind.Grant => 20, // Key
        PolicySymbolKind.Audit => 19, // Object
        PolicySymbolKind.Backup => 19, // Object
        PolicySymbolKind.Controls => 4, // Package
        PolicySymbolKind.ControlStatement => 14, // Constant
        PolicySymbolKind.Approval => 24, // Event
        PolicySymbolKind.Change => 24, // Event
        PolicySymbolKind.Test => 6, // Method
        PolicySymbolKind.History => 19, // Object
        _ => 13,
    };
}
