namespace PolicyLang.Core.Docs;

/// <summary>
/// Choices for rendered documents. The defaults give byte-for-byte reproducible output;
/// a date appears only when the host passes one, so documents can be baselined.
/// </summary>
public sealed record DocumentOptions
{
    public static DocumentOptions Default { get; } = new();

    /// <summary>Printed as "Generated on" when set; never read from the clock here.</summary>
    public DateOnly? GeneratedOn { get; init; }

    /// <summary>The CIS table's assessment column: how the status was reached.</summary>
    public string Assessment { get; init; } = "Derived from policy";
}
