using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using Xunit;
using Xunit.Sdk;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>Store settings are validated with messages that name the setting and never a secret.</summary>
public sealed class SettingsTests
{
    private static RunException Open(Dictionary<string, SettingValue> settings, Func<string, string?>? env = null)
    {
        var store = new StoreModel("offsite", "s3", settings);
        var context = new StoreContext(new PolicyModel("p", "P", [store], [], null, []), new RunOptions { Environment = env ?? (_ => null) });
        return Assert.Throws<RunException>(() => new S3StoreProvider().Open(store, context));
    }

    [Fact]
    public void Bucket_is_required() =>
        Assert.Equal("store 'offsite': setting 'bucket' is required for kind 's3'", Open([]).Message);

    [Fact]
    public void Unknown_storage_class_lists_the_known_ones() =>
        Assert.Contains("storage-class 'glacier' is not one of standard, standard-ia, glacier-instant-retrieval, glacier-flexible-retrieval, deep-archive",
            Open(new() { ["bucket"] = SettingValue.Of("b"), ["storage-class"] = SettingValue.Of("glacier") }).Message);

    [Fact]
    public void Kms_needs_a_key_id() =>
        Assert.Contains("'encryption kms' needs the KMS key id in setting 'encryption-key'",
            Open(new() { ["bucket"] = SettingValue.Of("b"), ["encryption"] = SettingValue.Of("kms") }).Message);

    [Fact]
    public void A_missing_endpoint_variable_is_named_and_a_secret_never_shown()
    {
        var error = Open(new()
        {
            ["bucket"] = SettingValue.Of("b"),
            ["endpoint"] = SettingValue.Env("LAB_S3_ENDPOINT"),
            ["encryption"] = SettingValue.Of("kms"),
            ["encryption-key"] = SettingValue.Env("KEY"),
        }, v => v == "KEY" ? "arn:aws:kms:SECRETVALUE" : null);
        Assert.Contains("environment variable 'LAB_S3_ENDPOINT'", error.Message);
        Assert.DoesNotContain("SECRETVALUE", error.Message);
    }

    [Fact]
    public async Task Credentials_are_never_read_from_settings_only_from_the_environment()
    {
        // The language rejects credential settings (GOV0001); a model that still carries them opens without reading them,
        // so the unset variable they name is never asked for.
        var store = new StoreModel("offsite", "s3", new Dictionary<string, SettingValue>
        {
            ["bucket"] = SettingValue.Of("b"),
            ["access-key-id"] = SettingValue.Env("UNSET_KEY"),
            ["secret-access-key"] = SettingValue.Env("UNSET_SECRET"),
        });
        var asked = new List<string>();
        var context = new StoreContext(new PolicyModel("p", "P", [store], [], null, []),
            new RunOptions { Environment = v => { asked.Add(v); return null; } });
        await using var opened = new S3StoreProvider().Open(store, context);
        Assert.DoesNotContain("UNSET_KEY", asked);
        Assert.DoesNotContain("UNSET_SECRET", asked);
    }

    [Fact]
    public void Without_the_server_url_the_tests_fail_and_say_how_to_run_them()
    {
        var error = Assert.Throws<XunitException>(() => S3Env.Require(null));
        Assert.Contains("run scripts/test.sh", error.Message);
    }
}
