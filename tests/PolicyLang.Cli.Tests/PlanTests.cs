using Xunit;

namespace PolicyLang.Cli.Tests;

/// <summary><c>policyc plan</c> describes an S3 archive of datasets stored in other stores (issue 19), not only S3 prefix datasets.</summary>
public sealed class PlanTests
{
    [Fact]
    public void Plan_describes_the_s3_archive_of_a_postgres_dataset()
    {
        var result = Policyc.Run(Policyc.Root, null!, "plan", "examples/astronomy-lab");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("No S3 Lifecycle rules", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("dataset 'gaia_sources' (store 'research'): archived before delete to s3://lab-offsite-archive/", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("as parquet, storage class glacier-flexible-retrieval, encryption SSE (aes256); each batch is verified", result.Stdout, StringComparison.Ordinal);
    }
}
