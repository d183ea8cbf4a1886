using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public class SettingValidatorTests
{
    private const string Origin = "pod annotations file \"/etc/podinfo/annotations\"";

    private static string Normalize(SettingDefinition definition, string raw) => SettingValidator.Normalize(definition, raw, Origin);

    private static RunnerException Invalid(SettingDefinition definition, string raw) =>
        Assert.Throws<RunnerException>(() => Normalize(definition, raw));

    [Theory]
    [InlineData("true", "true")]
    [InlineData("TRUE", "true")]
    [InlineData(" False\n", "false")]
    public void Booleans_are_true_or_false_in_any_case(string raw, string normal)
    {
        Assert.Equal(normal, Normalize(SettingsCatalog.Push, raw));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("on")]
    public void Any_other_boolean_is_invalid_naming_the_key_the_value_and_the_allowed_values(string raw)
    {
        var error = Invalid(SettingsCatalog.TlsVerify, raw);

        Assert.Equal(ExitCodes.InvalidSettings, error.ExitCode);
        Assert.Equal("invalid-setting", error.Code);
        Assert.Contains(Origin, error.Message, StringComparison.Ordinal);
        Assert.Contains("build-runner/tls-verify", error.Message, StringComparison.Ordinal);
        Assert.Contains("(flag --tls-verify)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{raw}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowed: true or false", error.Message, StringComparison.Ordinal);
        Assert.Contains("build-runner/tls-verify", error.Fix, StringComparison.Ordinal);
        Assert.Contains("\"true\"", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("overlay", "overlay")]
    [InlineData("OVERLAY", "overlay")]
    [InlineData(" Fuse-OverlayFS ", "fuse-overlayfs")]
    [InlineData("auto", "auto")]
    public void Choices_match_in_any_case_and_come_back_as_written_in_the_catalog(string raw, string normal)
    {
        Assert.Equal(normal, Normalize(SettingsCatalog.StorageDriver, raw));
    }

    [Fact]
    public void An_unknown_choice_is_invalid_listing_the_allowed_values()
    {
        var error = Invalid(SettingsCatalog.StorageDriver, "btrfs");

        Assert.Equal(ExitCodes.InvalidSettings, error.ExitCode);
        Assert.Contains("build-runner/storage-driver", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"btrfs\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowed: auto, overlay, fuse-overlayfs, vfs", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"auto\"", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pull-policy", "sometimes", "missing, newer, always, never")]
    [InlineData("format", "v2s2", "oci, docker")]
    [InlineData("log-level", "trace", "debug, info, warning, error")]
    [InlineData("layers", "sometimes", "auto, true, false")]
    public void Every_choice_setting_lists_its_own_values(string name, string raw, string allowed)
    {
        var error = Invalid(SettingsCatalog.ByName(name)!, raw);

        Assert.Contains("allowed: " + allowed, error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{raw}\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1700000000", "1700000000")]
    [InlineData(" 0 ", "0")]
    [InlineData("", "")]
    public void Whole_numbers_or_nothing_are_accepted(string raw, string normal)
    {
        Assert.Equal(normal, Normalize(SettingsCatalog.Timestamp, raw));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.5")]
    [InlineData("1e9")]
    [InlineData("yesterday")]
    [InlineData("99999999999999999999")]
    public void Anything_else_is_not_a_whole_number(string raw)
    {
        var error = Invalid(SettingsCatalog.Timestamp, raw);

        Assert.Equal(ExitCodes.InvalidSettings, error.ExitCode);
        Assert.Contains("build-runner/timestamp", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{raw}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("whole number", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", "2")]
    [InlineData(" 1 ", "1")]
    [InlineData("", "")]
    public void Jobs_is_a_count_from_1_or_nothing_for_the_pods_CPUs(string raw, string normal)
    {
        Assert.Equal(normal, Normalize(SettingsCatalog.Jobs, raw));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("auto")]
    public void Jobs_of_zero_or_not_a_number_is_refused_saying_what_is_allowed(string raw)
    {
        var error = Invalid(SettingsCatalog.Jobs, raw);

        Assert.Equal(ExitCodes.InvalidSettings, error.ExitCode);
        Assert.Contains("build-runner/jobs", error.Message, StringComparison.Ordinal);
        Assert.Contains("from 1 up", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void List_items_are_one_per_line_trimmed_without_blank_lines()
    {
        Assert.Equal(
            "registry:5000/app:v1\nregistry:5000/app:latest",
            Normalize(SettingsCatalog.OutputImage, "\n registry:5000/app:v1 \r\n\n\tregistry:5000/app:latest\n"));
    }

    [Fact]
    public void Key_value_items_keep_equals_signs_and_empty_values()
    {
        Assert.Equal("A=1\nB=x=y\nEMPTY=", Normalize(SettingsCatalog.BuildArgs, "A=1\r\n  B=x=y \n\nEMPTY=\n"));
    }

    [Theory]
    [InlineData("build-args")]
    [InlineData("labels")]
    public void A_key_value_item_without_a_name_is_invalid_without_echoing_any_value(string name)
    {
        var definition = SettingsCatalog.ByName(name)!;

        var missingEquals = Invalid(definition, "TOKEN=s3cr3t-token\nhunter2-password");
        var emptyName = Invalid(definition, "TOKEN=s3cr3t-token\n=hunter2-password");

        foreach (var error in new[] { missingEquals, emptyName })
        {
            Assert.Equal(ExitCodes.InvalidSettings, error.ExitCode);
            Assert.Contains(definition.AnnotationKey, error.Message, StringComparison.Ordinal);
            Assert.Contains("NAME=VALUE", error.Message, StringComparison.Ordinal);
            foreach (var secret in new[] { "s3cr3t", "hunter2", "TOKEN" })
            {
                Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, error.Fix, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Capability_names_get_their_CAP_prefix_in_upper_case_and_keep_their_sign()
    {
        Assert.Equal(
            "CAP_NET_RAW\nCAP_KILL\n+CAP_SYS_ADMIN\n-CAP_MKNOD",
            Normalize(SettingsCatalog.RunCapabilities, "net_raw\nCAP_kill\n+sys_admin\n- MKNOD"));
    }

    [Theory]
    [InlineData("NET_RAWR")]
    [InlineData("+")]
    [InlineData("CAP_CHOWN\n+superuser")]
    [InlineData("ALL")]
    public void An_unknown_capability_is_invalid_naming_the_value_and_what_is_allowed(string raw)
    {
        var error = Invalid(SettingsCatalog.RunCapabilities, raw);

        Assert.Equal(ExitCodes.InvalidSettings, error.ExitCode);
        Assert.Contains("build-runner/run-capabilities", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{raw}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("capability names such as CAP_CHOWN", error.Message, StringComparison.Ordinal);
        Assert.Contains("CAP_CHOWN,CAP_DAC_OVERRIDE", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("registry.example.com/team/cache", "registry.example.com/team/cache")]
    [InlineData(" docker://127.0.0.1:5000/cache ", "127.0.0.1:5000/cache")]
    [InlineData("localhost/a/b__c.d-e", "localhost/a/b__c.d-e")]
    [InlineData("[::1]:5000/cache", "[::1]:5000/cache")]
    [InlineData("", "")]
    public void A_cache_repository_is_a_registry_host_and_a_lower_case_path(string raw, string normal)
    {
        Assert.Equal(normal, Normalize(SettingsCatalog.CacheRepo, raw));
    }

    [Theory]
    [InlineData("team/cache", "names no registry host")]
    [InlineData("cache", "names no registry host")]
    [InlineData("registry.example.com/team/cache:latest", "holds a tag")]
    [InlineData("registry.example.com/team/cache@sha256:0123", "holds a digest")]
    [InlineData("registry.example.com/Team/Cache", "lower-case")]
    [InlineData("registry.example.com/team//cache", "lower-case")]
    [InlineData("registry.example.com/", "lower-case")]
    [InlineData("bad_host.example.com/cache", "not a registry host")]
    public void A_cache_repository_buildah_would_refuse_is_invalid_saying_why(string raw, string why)
    {
        var error = Invalid(SettingsCatalog.CacheRepo, raw);

        Assert.Equal("invalid-setting", error.Code);
        Assert.Contains("build-runner/cache-repo (flag --cache-repo)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{raw}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_trimmed()
    {
        Assert.Equal("./app", Normalize(SettingsCatalog.Context, "  ./app\n"));
    }

    [Fact]
    public void Every_built_in_default_is_valid_and_already_in_normal_form()
    {
        Assert.All(SettingsCatalog.All, d => Assert.Equal(d.DefaultValue, SettingValidator.Normalize(d, d.DefaultValue, "the catalog")));
    }
}
