using PolicyLang.Core.Compilation;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>One file of a policy snapshot: its URI, its text as Core sees it, and the version the client gave it (if open).</summary>
public sealed record PolicyDocument(string Key, string Uri, SourceFile File, int? Version)
{
    public TextLines Lines { get; } = new(File.Text);
}

/// <summary>
/// An immutable view of one policy (all files of a root folder, open buffers over disk text) and its compilation, built on
/// first use. Requests and diagnostics read snapshots; edits make new ones.
/// </summary>
public sealed class PolicySnapshot
{
    private readonly Dictionary<string, PolicyDocument> byKey;
    private readonly Dictionary<SourceFile, PolicyDocument> byFile;
    private readonly Lazy<PolicyCompilation> compilation;

    internal PolicySnapshot(string root, IReadOnlyList<PolicyDocument> documents, PositionEncoding encoding, DateOnly today)
    {
        Root = root;
        Documents = documents;
        Encoding = encoding;
        byKey = documents.ToDictionary(d => d.Key, StringComparer.Ordinal);
        byFile = documents.ToDictionary(d => d.File);
        compilation = new(() => PolicyCompilation.Create([.. documents.Select(d => d.File)], today));
    }

    /// <summary>The root folder (or, for a buffer that is not a file, its URI).</summary>
    public string Root { get; }

    /// <summary>The files in the order <c>policyc check</c> gives them to Core.</summary>
    public IReadOnlyList<PolicyDocument> Documents { get; }

    public PositionEncoding Encoding { get; }

    public PolicyCompilation Compilation => compilation.Value;

    public PolicyDocument? Find(string uri) => byKey.GetValueOrDefault(DocumentUri.Key(uri));

    public PolicyDocument DocumentOf(SourceFile file) => byFile[file];

    /// <summary>The document's syntax tree (from the compilation: files are parsed once per snapshot).</summary>
    public PolicyFileSyntax SyntaxOf(PolicyDocument document) => Compilation.Syntax.First(s => ReferenceEquals(s.Syntax.File, document.File)).Syntax;

    public TextLines LinesOf(SourceFile file) => byFile[file].Lines;

    public Range ToRange(SourceFile file, TextSpan span) => byFile[file].Lines.ToRange(span.Start, span.End, Encoding);

    public Location ToLocation(SourceFile file, TextSpan span) => new(byFile[file].Uri, ToRange(file, span));

    public int ToOffset(PolicyDocument document, Position position) => document.Lines.ToOffset(position, Encoding);
}
