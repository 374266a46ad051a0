namespace PolicyLang.LanguageServer.Workspace;

/// <summary>What an LSP <c>Position.character</c> counts: UTF-16 code units (the default) or UTF-8 bytes.</summary>
public enum PositionEncoding
{
    Utf16,
    Utf8,
}

public static class PositionEncodings
{
    public static string Name(this PositionEncoding encoding) => encoding == PositionEncoding.Utf8 ? "utf-8" : "utf-16";

    /// <summary>The first encoding of the client's list (its order of preference) that the server supports; UTF-16 otherwise.</summary>
    public static PositionEncoding Choose(IReadOnlyList<string> offered) =>
        offered.FirstOrDefault(e => e is "utf-8" or "utf-16") == "utf-8" ? PositionEncoding.Utf8 : PositionEncoding.Utf16;
}
