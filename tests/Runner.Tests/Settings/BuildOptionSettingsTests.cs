using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

/// <summary>The settings production pipelines pass (squash, annotations, env, build contexts, stages, history, proxies): parsing and validation.</summary>
public class BuildOptionSettingsTests
{
    private const string Origin = "pod annotations file \"/etc/podinfo/annotations\"";

    private static BuildSettings Settings(params (string Name, string Value)[] values) =>
        BuildSettings.From(SettingsResolver.Resolve(
        [
            new SettingLayer(SettingSource.Flag, "test", values.ToDictionary(v => SettingDefinition.AnnotationPrefix + v.Name, v => SettingValidator.Normalize(SettingsCatalog.ByName(v.Name)!, v.Value, Origin), StringComparer.Ordinal)),
        ]));

    private static RunnerException Invalid(SettingDefinition definition, string raw) =>
        Assert.Throws<RunnerException>(() => SettingValidator.Normalize(definition, raw, Origin));

    [Fact]
    public void The_defaults_are_buildahs_no_squash_skip_unused_stages_keep_history_and_the_identity_label_and_no_proxy()
    {
        var settings = Settings();

        Assert.False(settings.Squash);
        Assert.True(settings.SkipUnusedStages);
        Assert.False(settings.OmitHistory);
        Assert.True(settings.IdentityLabel);
        Assert.Empty(settings.ImageAnnotations);
        Assert.Empty(settings.Env);
        Assert.Empty(settings.BuildContexts);
        Assert.Null(settings.BuildArgsFile);
        Assert.Equal(ProxySettings.None, settings.Proxy);
    }

    [Fact]
    public void Every_new_setting_has_its_annotation_and_flag()
    {
        var expected = new Dictionary<string, string>
        {
            ["squash"] = "--squash", ["annotations"] = "--annotation", ["env"] = "--env", ["build-args-file"] = "--build-args-file",
            ["build-contexts"] = "--build-context", ["skip-unused-stages"] = "--skip-unused-stages", ["omit-history"] = "--omit-history",
            ["identity-label"] = "--identity-label", ["http-proxy"] = "--http-proxy", ["https-proxy"] = "--https-proxy", ["no-proxy"] = "--no-proxy",
        };
        foreach (var (name, flag) in expected)
        {
            var definition = SettingsCatalog.ByName(name);
            Assert.NotNull(definition);
            Assert.Equal(flag, definition.Flag);
            Assert.Equal("build-runner/" + name, definition.AnnotationKey);
            Assert.Same(definition, SettingsCatalog.ByFlag(flag));
        }
    }

    [Fact]
    public void Annotations_env_and_build_contexts_become_name_value_pairs_in_order()
    {
        var settings = Settings(
            ("annotations", "org.opencontainers.image.source=https://git.example.com/app?x=1\nteam=build"),
            ("env", "MODE=production\nEMPTY="),
            ("build-contexts", "shared=../shared\nbase=docker-image://registry:5000/base:1"));

        Assert.Equal([new("org.opencontainers.image.source", "https://git.example.com/app?x=1"), new("team", "build")], settings.ImageAnnotations.AsEnumerable());
        Assert.Equal([new("MODE", "production"), new("EMPTY", "")], settings.Env.AsEnumerable());
        Assert.Equal([new("shared", "../shared"), new("base", "docker-image://registry:5000/base:1")], settings.BuildContexts.AsEnumerable());
    }

    [Theory]
    [InlineData("env", "MODE=production\nnot a pair", "\"not a pair\" is not")]
    [InlineData("env", "1ST=x", "not starting with a digit")]
    [InlineData("env", "MY-VAR=x", "letters, digits and _")]
    [InlineData("annotations", "=value", "\"=value\" is not")]
    [InlineData("build-contexts", "shared", "NAME=PATH")]
    [InlineData("build-contexts", "shared=", "non-empty PATH")]
    [InlineData("build-contexts", "my stage=/x", "without spaces or colons")]
    public void A_bad_line_is_refused_naming_the_line_and_what_it_needs(string name, string raw, string said)
    {
        var definition = SettingsCatalog.ByName(name)!;

        var error = Invalid(definition, raw);

        Assert.Equal(ExitCodes.InvalidSettings, error.ExitCode);
        Assert.Contains(definition.AnnotationKey, error.Message, StringComparison.Ordinal);
        Assert.Contains(said, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("squash")]
    [InlineData("skip-unused-stages")]
    [InlineData("omit-history")]
    [InlineData("identity-label")]
    public void The_switches_take_true_or_false_only(string name)
    {
        var definition = SettingsCatalog.ByName(name)!;

        Assert.Equal("true", SettingValidator.Normalize(definition, "TRUE", Origin));
        Assert.Contains("allowed: true or false", Invalid(definition, "yes").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Proxies_are_read_as_written_and_no_proxy_loses_its_spaces()
    {
        var settings = Settings(("http-proxy", "http://proxy.corp:3128"), ("https-proxy", "proxy.corp:3129"), ("no-proxy", " .corp, 10.0.0.0/8 ,,localhost "));

        Assert.Equal(new ProxySettings("http://proxy.corp:3128", "proxy.corp:3129", ".corp,10.0.0.0/8,localhost"), settings.Proxy);
    }

    [Theory]
    [InlineData("ftp://proxy.corp:21", "the scheme ftp")]
    [InlineData("http://proxy corp:3128", "a space")]
    [InlineData("http://proxy.corp:3128/path", "a path after the host")]
    [InlineData("http://", "not a URL")]
    public void A_proxy_that_is_no_proxy_URL_is_refused(string raw, string said)
    {
        var error = Invalid(SettingsCatalog.HttpsProxy, raw);

        Assert.Contains("build-runner/https-proxy", error.Message, StringComparison.Ordinal);
        Assert.Contains(said, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_proxy_URL_never_shows_its_password()
    {
        var error = Invalid(SettingsCatalog.HttpProxy, "ftp://user:pr0xy-s3cr3t@proxy.corp:21");

        Assert.DoesNotContain("pr0xy-s3cr3t", error.Message + error.Fix, StringComparison.Ordinal);
        Assert.Contains("ftp://user:***@proxy.corp:21", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://user:pa55@proxy:3128", "pa55")]
    [InlineData("user:pa:55@proxy:3128", "pa:55")]
    [InlineData("http://user@proxy:3128", null)]
    [InlineData("http://proxy:3128", null)]
    public void The_password_of_a_proxy_URL_is_found_to_be_masked(string url, string? password)
    {
        Assert.Equal(password, ProxyUrl.Password(url));
    }
}
