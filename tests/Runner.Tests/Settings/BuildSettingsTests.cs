using BuildRunner.Settings;
using BuildRunner.Storage;
using Microsoft.Extensions.Logging;

namespace BuildRunner.Tests.Settings;

public class BuildSettingsTests
{
    private static BuildSettings From(params (string Name, string Value)[] values) =>
        BuildSettings.From(SettingsResolver.Resolve(
        [
            new SettingLayer(SettingSource.PodAnnotation, "test", values.ToDictionary(v => SettingDefinition.AnnotationPrefix + v.Name, v => v.Value, StringComparer.Ordinal)),
        ]));

    [Fact]
    public void The_built_in_defaults_convert_to_their_typed_values()
    {
        var settings = From();

        Assert.Equal(".", settings.Context);
        Assert.Null(settings.File);
        Assert.Empty(settings.OutputImages);
        Assert.True(settings.Push);
        Assert.Empty(settings.BuildArgs);
        Assert.Empty(settings.Labels);
        Assert.Null(settings.Target);
        Assert.Null(settings.StorageDriver);
        Assert.Equal("/var/lib/containers/storage", settings.StorageRoot);
        Assert.True(settings.TlsVerify);
        Assert.Null(settings.AuthFile);
        Assert.Equal(ImageFormat.Oci, settings.Format);
        Assert.Null(settings.Layers);
        Assert.Null(settings.CacheRepo);
        Assert.True(settings.CachePush);
        Assert.False(settings.NoCache);
        Assert.Equal(PullPolicy.Missing, settings.PullPolicy);
        Assert.Null(settings.Timestamp);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.False(settings.RequireUserNamespace);
        Assert.Equal(SettingsCatalog.DefaultRunCapabilities.Order(StringComparer.Ordinal), settings.RunCapabilities.AsEnumerable());
    }

    [Fact]
    public void Every_setting_converts_to_its_typed_value()
    {
        var settings = From(
            ("context", "/workspace/src"),
            ("file", "build/Containerfile"),
            ("output-image", "registry:5000/app:v1\nregistry:5000/app:latest"),
            ("push", "false"),
            ("build-args", "VERSION=1.2\nURL=http://x/?a=b\nEMPTY="),
            ("labels", "org.opencontainers.image.source=https://example.com/app"),
            ("target", "runtime"),
            ("storage-driver", "fuse-overlayfs"),
            ("storage-root", "/scratch/storage"),
            ("tls-verify", "false"),
            ("authfile", "/var/run/secrets/push/.dockerconfigjson"),
            ("format", "docker"),
            ("layers", "false"),
            ("cache-repo", "docker://registry:5000/team/cache"),
            ("cache-push", "false"),
            ("no-cache", "true"),
            ("pull-policy", "always"),
            ("timestamp", "1700000000"),
            ("log-level", "debug"),
            ("require-user-namespace", "true"),
            ("run-capabilities", "CHOWN\nsetuid"));

        Assert.Equal("/workspace/src", settings.Context);
        Assert.Equal("build/Containerfile", settings.File);
        Assert.Equal(["registry:5000/app:v1", "registry:5000/app:latest"], settings.OutputImages.AsEnumerable());
        Assert.False(settings.Push);
        Assert.Equal(
            [new("VERSION", "1.2"), new("URL", "http://x/?a=b"), new KeyValuePair<string, string>("EMPTY", "")],
            settings.BuildArgs.AsEnumerable());
        Assert.Equal([new KeyValuePair<string, string>("org.opencontainers.image.source", "https://example.com/app")], settings.Labels.AsEnumerable());
        Assert.Equal("runtime", settings.Target);
        Assert.Equal(StorageDriver.FuseOverlayfs, settings.StorageDriver);
        Assert.Equal("/scratch/storage", settings.StorageRoot);
        Assert.False(settings.TlsVerify);
        Assert.Equal("/var/run/secrets/push/.dockerconfigjson", settings.AuthFile);
        Assert.Equal(ImageFormat.Docker, settings.Format);
        Assert.False(settings.Layers);
        Assert.Equal("registry:5000/team/cache", settings.CacheRepo);
        Assert.False(settings.CachePush);
        Assert.True(settings.NoCache);
        Assert.Equal(PullPolicy.Always, settings.PullPolicy);
        Assert.Equal(1700000000L, settings.Timestamp);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
        Assert.True(settings.RequireUserNamespace);
        Assert.Equal(["CAP_CHOWN", "CAP_SETUID"], settings.RunCapabilities.AsEnumerable());
    }

    [Theory]
    [InlineData("auto", null)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    public void Layers_is_on_off_or_left_to_the_planner(string value, bool? layers)
    {
        Assert.Equal(layers, From(("layers", value)).Layers);
    }

    [Fact]
    public void Signed_capabilities_adjust_the_default_set()
    {
        var settings = From(("run-capabilities", "+NET_RAW\n-KILL"));

        var expected = SettingsCatalog.DefaultRunCapabilities.Remove("CAP_KILL").Add("CAP_NET_RAW").Order(StringComparer.Ordinal);
        Assert.Equal(expected, settings.RunCapabilities.AsEnumerable());
    }

    [Fact]
    public void Only_removals_shrink_the_default_set()
    {
        var settings = From(("run-capabilities", "-CAP_SETFCAP\n-chown"));

        Assert.DoesNotContain("CAP_SETFCAP", settings.RunCapabilities);
        Assert.DoesNotContain("CAP_CHOWN", settings.RunCapabilities);
        Assert.Equal(SettingsCatalog.DefaultRunCapabilities.Length - 2, settings.RunCapabilities.Length);
    }

    [Fact]
    public void Plain_names_replace_the_default_set()
    {
        Assert.Equal(["CAP_NET_RAW"], From(("run-capabilities", "NET_RAW")).RunCapabilities.AsEnumerable());
    }

    [Fact]
    public void A_plain_name_among_signed_ones_makes_the_whole_list_a_replacement()
    {
        Assert.Equal(["CAP_CHOWN", "CAP_NET_RAW"], From(("run-capabilities", "CHOWN\n+NET_RAW\n-KILL")).RunCapabilities.AsEnumerable());
    }

    [Fact]
    public void An_empty_run_capabilities_setting_gives_RUN_steps_none()
    {
        Assert.Empty(From(("run-capabilities", "")).RunCapabilities);
    }

    [Fact]
    public void List_values_take_one_item_per_line()
    {
        var settings = From(("output-image", "a:1\n\nb:2\r\n c:3 "), ("labels", "x=1\ny=2"));

        Assert.Equal(["a:1", "b:2", "c:3"], settings.OutputImages.AsEnumerable());
        Assert.Equal(["x", "y"], settings.Labels.Select(l => l.Key));
    }

    [Fact]
    public void A_timestamp_of_zero_is_kept_rather_than_meaning_now()
    {
        Assert.Equal(0L, From(("timestamp", "0")).Timestamp);
    }
}
