using System.Text;
using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Binding;

/// <summary>
/// The policy's identity: archive paths, audit records, <c>&lt;identity&gt;.Enforcement.dll</c> and the generated class
/// (<c>&lt;Pascal&gt;Policy</c>) all use it, in every host. It is the policy block's <c>name</c>, else a slug of its title;
/// it never depends on the folder, file or project the policy is built from (docs/policy-identity.md).
/// </summary>
public static class PolicyIdentity
{
    /// <summary>The longest identity: it becomes a file name and a path segment.</summary>
    public const int MaxLength = 64;

    /// <summary>The identity of a policy without a title to derive one from (it has errors: GOV0100).</summary>
    public const string Fallback = "policy";

    // Latin-1 Supplement and Latin Extended-A (U+00C0–U+017F) spelled in ASCII: the slug must not depend on the machine's
    // globalization mode (string.Normalize does nothing under invariant globalization), so it is a table. "-" separates.
    private static readonly string[] Latin =
        ("a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th ss a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th y "
        + "a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g g g g g h h h h i i i i i i i i i i ij ij j j k k k l l l l l l l l l l "
        + "n n n n n n n n n o o o o o o oe oe r r r r r r s s s s s s s s t t t t t t u u u u u u u u u u u u w w y y y z z z z z z s").Split(' ');

    /// <summary>The identity of <paramref name="policy"/>: its <c>name</c> setting, else the slug of its title.</summary>
    public static string Of(BoundPolicy policy) =>
        policy.Header is { } header ? header.Name ?? Slug(header.Title) : Fallback;

    /// <summary>
    /// True for a usable <c>name</c>: 1–64 ASCII letters, digits, <c>-</c> and <c>_</c>, starting with a letter or digit
    /// (a file name and a path segment on every platform, and the stem of a C# class name).
    /// </summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxLength
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// Lower-case ASCII letters and digits of <paramref name="title"/> joined by single <c>-</c> ("Genomics Lab: Retention" →
    /// <c>genomics-lab-retention</c>; accented Latin letters lose their accents), at most <see cref="MaxLength"/> characters cut at a
    /// word boundary; <see cref="Fallback"/> when the title has no letter or digit it can spell.
    /// </summary>
    public static string Slug(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title)
        {
            var spelled = char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c).ToString()
                : c is >= '\u00C0' and <= '\u017F' ? Latin[c - '\u00C0']
                : "-";
            foreach (var s in spelled)
            {
                if (s != '-' || (slug.Length > 0 && slug[^1] != '-'))
                {
                    slug.Append(s);
                }
            }
        }

        var text = slug.ToString().Trim('-');
        if (text.Length > MaxLength)
        {
            var cut = text.LastIndexOf('-', MaxLength);
            text = text[..(cut > 0 ? cut : MaxLength)];
        }

        return text.Length == 0 ? Fallback : text;
    }
}
