namespace PolicyLang.Core.Diagnostics;

/// <summary>
/// How a catalogue example becomes a whole policy: examples are short fragments, so unless they
/// declare their own <c>policy</c> or <c>classification</c> they are compiled after
/// <see cref="Prelude"/>, which itself compiles without diagnostics.
/// </summary>
public static class DiagnosticExamples
{
    public const string Prelude =
        """
        policy "Example" { version "1" owner "ops" review every 90 days }
        classification public < internal < confidential
        role analyst "Analysts"
        store research postgres { connection env("PG_URL") tls required }
        store archive s3 { bucket "archive" encryption aes256 }

        """;

    public static string Complete(string example) =>
        example.Contains("policy \"", StringComparison.Ordinal) || example.StartsWith("classification", StringComparison.Ordinal)
            ? example
            : Prelude + example;
}
