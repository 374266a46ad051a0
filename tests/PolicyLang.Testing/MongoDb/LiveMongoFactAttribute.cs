using System.Runtime.CompilerServices;
using Xunit;

namespace PolicyLang.Testing;

/// <summary>
/// A fact that needs a real MongoDB server. Without <c>POLICYLANG_TEST_MONGO_URL</c> it is reported SKIPPED with that reason
/// (xunit 2 has no dynamic skip, so the attribute decides when tests are discovered); it never passes without running.
/// The reason is also put in the display name, because <c>dotnet test</c>'s default output lists skipped tests by name only.
/// </summary>
public sealed class LiveMongoFactAttribute : FactAttribute
{
    /// <summary>The variable holding the live server's URI.</summary>
    public const string Variable = "POLICYLANG_TEST_MONGO_URL";

    /// <summary>The reason every live test reports when skipped.</summary>
    public const string Reason = Variable + " is not set: live MongoDB suite skipped (no MongoDB server is available here; see docs/mongodb.md to run it)";

    /// <summary>True when the live server is not configured.</summary>
    public static bool Unavailable => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The display name of a skipped live test.</summary>
    public static string SkippedName(string test) => $"LIVE MongoDB {test} (SKIPPED: {Variable} is not set)";

    public LiveMongoFactAttribute([CallerMemberName] string test = "")
    {
        if (!Unavailable)
        {
            return;
        }

        Skip = Reason;
        DisplayName = SkippedName(test);
    }
}

/// <summary>The theory counterpart of <see cref="LiveMongoFactAttribute"/>.</summary>
public sealed class LiveMongoTheoryAttribute : TheoryAttribute
{
    public LiveMongoTheoryAttribute([CallerMemberName] string test = "")
    {
        if (!LiveMongoFactAttribute.Unavailable)
        {
            return;
        }

        Skip = LiveMongoFactAttribute.Reason;
        DisplayName = LiveMongoFactAttribute.SkippedName(test);
    }
}
