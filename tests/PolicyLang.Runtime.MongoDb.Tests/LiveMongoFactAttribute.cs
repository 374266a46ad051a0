using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests;

/// <summary>
/// A fact that needs a real MongoDB server. Without <c>POLICYLANG_TEST_MONGO_URL</c> it is reported SKIPPED with that reason
/// (xunit 2 has no dynamic skip, so the attribute decides when tests are discovered); it never passes without running.
/// </summary>
public sealed class LiveMongoFactAttribute : FactAttribute
{
    /// <summary>The variable holding the live server's URI.</summary>
    public const string Variable = "POLICYLANG_TEST_MONGO_URL";

    /// <summary>The reason every live test reports when skipped.</summary>
    public const string Reason = Variable + " is not set: live MongoDB suite skipped (no MongoDB server is available here; see docs/mongodb.md to run it)";

    public LiveMongoFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) Skip = Reason;
    }
}

/// <summary>The theory counterpart of <see cref="LiveMongoFactAttribute"/>.</summary>
public sealed class LiveMongoTheoryAttribute : TheoryAttribute
{
    public LiveMongoTheoryAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(LiveMongoFactAttribute.Variable))) Skip = LiveMongoFactAttribute.Reason;
    }
}
