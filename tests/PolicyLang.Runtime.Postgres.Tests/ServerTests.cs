using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>Guards the rule that a missing server fails rather than silently passes.</summary>
public sealed class ServerTests
{
    [Fact]
    public void The_test_server_is_configured()
    {
        Assert.False(string.IsNullOrEmpty(PgDatabase.Server));
    }
}
