using BuildRunner.Buildah;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Buildah;

public class BuildahArgumentsTests
{
    private static BuildSettings Settings(params (string Name, string Value)[] values) =>
        BuildSettings.From(SettingsResolver.Resolve(
        [
            new SettingLayer(SettingSource.Flag, "test", values.ToDictionary(v => SettingDefinition.AnnotationPrefix + v.Name, v => v.Value, StringComparer.Ordinal)),
        ]));

    [Fact]
    public void Bud_with_the_defaults_isolates_with_chroot_and_states_every_RUN_capability()
    {
        var args = BuildahArguments.Bud(Settings(), layers: true, cache: null, "/workspace", containerfile: null, iidFile: "/tmp/work/image-id");

        Assert.Equal(
            [
                "bud", "--isolation", "chroot", "--format", "oci", "--layers=true", "--pull=false", "--tls-verify=true",
                "--retry", "3", "--retry-delay", "2s",
                "--iidfile", "/tmp/work/image-id", "--jobs", "1", "--cap-drop", "all",
                "--cap-add", "CAP_CHOWN", "--cap-add", "CAP_DAC_OVERRIDE", "--cap-add", "CAP_FOWNER", "--cap-add", "CAP_FSETID",
                "--cap-add", "CAP_KILL", "--cap-add", "CAP_NET_BIND_SERVICE", "--cap-add", "CAP_SETFCAP", "--cap-add", "CAP_SETGID",
                "--cap-add", "CAP_SETPCAP", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SYS_CHROOT",
                "--http-proxy=false", "--skip-unused-stages=true", "--identity-label=true",
                "/workspace",
            ],
            args.AsEnumerable());
    }

    [Fact]
    public void Bud_passes_every_setting_in_a_fixed_order_with_the_context_last()
    {
        var settings = Settings(
            ("output-image", "docker://registry:5000/app:v1\nregistry:5000/app:latest"),
            ("build-args", "VERSION=1.2\nURL=http://x/?a=b"),
            ("labels", "team=build"),
            ("target", "runtime"),
            ("tls-verify", "false"),
            ("authfile", "/secrets/.dockerconfigjson"),
            ("cert-dir", "/etc/registry-cas"),
            ("format", "docker"),
            ("layers", "false"),
            ("no-cache", "true"),
            ("pull-policy", "always"),
            ("timestamp", "1700000000"),
            ("run-capabilities", "CHOWN"),
            ("retries", "5"),
            ("retry-delay", "1500ms"),
            ("squash", "true"),
            ("omit-history", "true"),
            ("skip-unused-stages", "false"),
            ("identity-label", "false"),
            ("annotations", "org.opencontainers.image.source=https://git.example.com/app\nteam=build"),
            ("env", "MODE=production\nEMPTY="),
            ("build-contexts", "shared=/src/shared\nbase=docker-image://registry:5000/base:1"));

        var args = BuildahArguments.Bud(settings, layers: false, cache: null, "/ctx", "/ctx/Containerfile.prod", "/w/iid", jobs: 3);

        Assert.Equal(
            [
                "bud", "--isolation", "chroot", "--format", "docker", "--layers=false", "--pull=always", "--tls-verify=false",
                "--retry", "5", "--retry-delay", "1500ms",
                "--iidfile", "/w/iid", "--jobs", "3", "--cap-drop", "all", "--cap-add", "CAP_CHOWN",
                "--http-proxy=false", "--skip-unused-stages=false", "--identity-label=false",
                "--no-cache",
                "--squash",
                "--omit-history",
                "--authfile", "/secrets/.dockerconfigjson",
                "--cert-dir", "/etc/registry-cas",
                "--file", "/ctx/Containerfile.prod",
                "--target", "runtime",
                "--timestamp", "1700000000",
                "--tag", "registry:5000/app:v1", "--tag", "registry:5000/app:latest",
                "--build-arg", "VERSION=1.2", "--build-arg", "URL=http://x/?a=b",
                "--label", "team=build",
                "--annotation", "org.opencontainers.image.source=https://git.example.com/app", "--annotation", "team=build",
                "--env", "MODE=production", "--env", "EMPTY=",
                "--build-context", "shared=/src/shared", "--build-context", "base=docker-image://registry:5000/base:1",
                "/ctx",
            ],
            args.AsEnumerable());
    }

    [Theory]
    [InlineData("missing", "--pull=false")]
    [InlineData("newer", "--pull=true")]
    [InlineData("always", "--pull=always")]
    [InlineData("never", "--pull=never")]
    public void Pull_policies_map_to_buildahs_pull_flag(string policy, string flag)
    {
        var args = BuildahArguments.Bud(Settings(("pull-policy", policy)), layers: true, cache: null, ".", null, "/iid");

        Assert.Contains(flag, args);
        Assert.Single(args, a => a.StartsWith("--pull", StringComparison.Ordinal));
    }

    [Fact]
    public void Bud_with_no_RUN_capabilities_drops_all_and_adds_none()
    {
        var args = BuildahArguments.Bud(Settings(("run-capabilities", "")), layers: true, cache: null, ".", null, "/iid");

        Assert.Contains("--cap-drop", args);
        Assert.DoesNotContain("--cap-add", args);
    }

    [Fact]
    public void Bud_leaves_out_options_that_are_not_set()
    {
        var args = BuildahArguments.Bud(Settings(), layers: true, cache: null, ".", null, "/iid");

        foreach (var absent in new[] { "--no-cache", "--cache-from", "--cache-to", "--authfile", "--cert-dir", "--file", "--target", "--timestamp", "--tag", "--build-arg", "--label" })
        {
            Assert.DoesNotContain(absent, args);
        }
    }

    public static TheoryData<bool, string?, bool, string[]> CacheCases => new()
    {
        // layers, cache repository, cache push, the flags expected after --no-cache's place
        { true, "registry:5000/team/cache", true, ["--cache-from", "registry:5000/team/cache", "--cache-to", "registry:5000/team/cache"] },
        { true, "registry:5000/team/cache", false, ["--cache-from", "registry:5000/team/cache"] },
        { true, null, true, [] },
        // buildah ignores the cache without layers; passing it would only suggest it is used.
        { false, "registry:5000/team/cache", true, [] },
    };

    [Theory]
    [MemberData(nameof(CacheCases))]
    public void A_layer_cache_reads_with_cache_from_and_writes_with_cache_to_only_when_layers_are_on(bool layers, string? repository, bool push, string[] expected)
    {
        var cache = repository is null ? null : new LayerCache(repository, push);

        var args = BuildahArguments.Bud(Settings(("no-cache", "true"), ("authfile", "/auth.json")), layers, cache, "/ctx", null, "/w/iid");

        Assert.Equal("--layers=" + (layers ? "true" : "false"), Assert.Single(args, a => a.StartsWith("--layers", StringComparison.Ordinal)));
        var from = args.IndexOf("--no-cache") + 1;
        Assert.Equal([.. expected, "--authfile"], args.Skip(from).Take(expected.Length + 1));
    }

    [Fact]
    public void A_timestamp_of_zero_is_passed()
    {
        var args = BuildahArguments.Bud(Settings(("timestamp", "0")), layers: true, cache: null, ".", null, "/iid").ToList();

        Assert.Equal("0", args[args.IndexOf("--timestamp") + 1]);
    }

    [Fact]
    public void Push_sends_the_image_to_its_registry_with_the_docker_transport()
    {
        var args = BuildahArguments.Push(Settings(), "registry:5000/app:v1", "/w/digest");

        Assert.Equal(
            ["push", "--digestfile", "/w/digest", "--tls-verify=true", "--retry", "3", "--retry-delay", "2s", "registry:5000/app:v1", "docker://registry:5000/app:v1"],
            args.AsEnumerable());
    }

    [Fact]
    public void Push_strips_a_docker_transport_from_the_image_and_passes_credentials_and_TLS()
    {
        var settings = Settings(("tls-verify", "false"), ("authfile", "/secrets/auth.json"), ("cert-dir", "/etc/registry-cas"), ("retries", "0"), ("retry-delay", "1m"));

        var args = BuildahArguments.Push(settings, "docker://registry:5000/app:v1", "/w/digest");

        Assert.Equal(
            [
                "push", "--digestfile", "/w/digest", "--tls-verify=false", "--retry", "0", "--retry-delay", "1m", "--authfile", "/secrets/auth.json",
                "--cert-dir", "/etc/registry-cas", "registry:5000/app:v1", "docker://registry:5000/app:v1",
            ],
            args.AsEnumerable());
    }

    [Theory]
    [InlineData("docker://registry:5000/app:v1", "registry:5000/app:v1")]
    [InlineData("registry:5000/app:v1", "registry:5000/app:v1")]
    [InlineData("docker://", "")]
    [InlineData("oci:/tmp/layout", "oci:/tmp/layout")]
    [InlineData("DOCKER://registry/app", "DOCKER://registry/app")]
    public void Only_a_leading_docker_transport_is_removed(string image, string reference)
    {
        Assert.Equal(reference, BuildahArguments.WithoutTransport(image));
    }

    [Fact]
    public void The_environment_points_at_the_runners_storage_conf_forces_chroot_and_removes_a_stray_auth_file()
    {
        var environment = BuildahEnvironment.For("/tmp/work/storage.conf");

        Assert.Equal("/tmp/work/storage.conf", environment["CONTAINERS_STORAGE_CONF"]);
        Assert.Equal("chroot", environment["BUILDAH_ISOLATION"]);
        Assert.True(environment.ContainsKey("REGISTRY_AUTH_FILE"));
        Assert.Null(environment["REGISTRY_AUTH_FILE"]);
    }

    [Fact]
    public void Proxy_settings_reach_buildahs_environment_in_both_spellings_and_unset_ones_leave_the_pods_own()
    {
        var settings = Settings(("http-proxy", "http://proxy.corp:3128"), ("no-proxy", " .corp , 10.0.0.0/8 "));

        var environment = BuildahEnvironment.For("/w/storage.conf", proxy: settings.Proxy);

        Assert.Equal("http://proxy.corp:3128", environment["HTTP_PROXY"]);
        Assert.Equal("http://proxy.corp:3128", environment["http_proxy"]);
        Assert.Equal(".corp,10.0.0.0/8", environment["NO_PROXY"]);
        Assert.Equal(".corp,10.0.0.0/8", environment["no_proxy"]);
        Assert.False(environment.ContainsKey("HTTPS_PROXY"));
        Assert.False(environment.ContainsKey("https_proxy"));
        Assert.Equal("/w/storage.conf", environment["CONTAINERS_STORAGE_CONF"]);
    }

    [Fact]
    public void Push_gets_no_build_only_flags()
    {
        var settings = Settings(("squash", "true"), ("env", "A=1"), ("annotations", "a=b"), ("omit-history", "true"));

        var args = BuildahArguments.Push(settings, "registry:5000/app:v1", "/w/digest");

        Assert.DoesNotContain(args, a => a.StartsWith("--squash", StringComparison.Ordinal) || a is "--env" or "--annotation" or "--omit-history" or "--http-proxy=false");
    }

    [Fact]
    public void A_debug_log_level_asks_buildah_for_its_debug_output_before_the_verb()
    {
        var settings = Settings(("log-level", "debug"));

        var bud = BuildahArguments.Bud(settings, layers: true, cache: null, "/workspace", containerfile: null, iidFile: "/tmp/id");
        var push = BuildahArguments.Push(settings, "registry:5000/app:v1", "/tmp/digest");

        Assert.Equal(["--log-level", "debug", "bud"], bud.Take(3));
        Assert.Equal(["--log-level", "debug", "push"], push.Take(3));
    }

    [Fact]
    public void Each_secret_becomes_a_secret_flag_of_bud_after_the_build_arguments_and_push_gets_none()
    {
        var settings = Settings(("build-args", "A=1"), ("secrets", "id=token,src=/run/secrets/token\nsrc=npmrc,id=npm"), ("labels", "l=1"));

        var bud = BuildahArguments.Bud(settings, layers: true, cache: null, "/ctx", null, "/w/iid");
        var push = BuildahArguments.Push(settings, "registry:5000/app:v1", "/w/digest");

        var from = bud.IndexOf("--build-arg");
        Assert.Equal(["--build-arg", "A=1", "--secret", "id=token,src=/run/secrets/token", "--secret", "id=npm,src=npmrc", "--label", "l=1", "/ctx"],
            bud.Skip(from));
        Assert.DoesNotContain("--secret", push);
    }

    [Fact]
    public void Other_log_levels_add_no_buildah_flag()
    {
        Assert.Equal("bud", BuildahArguments.Bud(Settings(("log-level", "warning")), layers: true, cache: null, "/w", null, "/tmp/id")[0]);
    }

    [Fact]
    public void The_base_image_override_image_env_and_signature_policy_reach_bud_and_registries_conf_precedes_the_verb()
    {
        var settings = Settings(
            ("from", "registry.example.com/base:2"),
            ("env", "MODE=prod\nEMPTY="),
            ("signature-policy", "/cfg/policy.json"),
            ("registries-conf", "/cfg/registries.conf"));

        var bud = BuildahArguments.Bud(settings, layers: false, cache: null, "/ctx", "/ctx/Dockerfile", "/w/iid");
        var push = BuildahArguments.Push(settings, "registry.example.com/app:1", "/w/digest");

        Assert.Equal(["--registries-conf", "/cfg/registries.conf", "bud"], bud.Take(3));
        Assert.Equal(["--registries-conf", "/cfg/registries.conf", "push"], push.Take(3));
        Assert.Equal(["--from", "registry.example.com/base:2"], bud.SkipWhile(a => a != "--from").Take(2));
        Assert.Equal(["--env", "MODE=prod", "--env", "EMPTY="], bud.SkipWhile(a => a != "--env").Take(4));
        Assert.Equal(["--signature-policy", "/cfg/policy.json"], bud.SkipWhile(a => a != "--signature-policy").Take(2));
        Assert.Equal(["--signature-policy", "/cfg/policy.json"], push.SkipWhile(a => a != "--signature-policy").Take(2));
        Assert.Equal("/ctx", bud[^1]);
    }

    [Fact]
    public void Without_registry_certificates_buildah_keeps_the_pods_home_and_with_them_gets_its_own()
    {
        Assert.False(BuildahEnvironment.WithHome(BuildahEnvironment.For("/w/storage.conf"), null).ContainsKey("HOME"));
        Assert.Equal("/w/buildah-home", BuildahEnvironment.WithHome(BuildahEnvironment.For("/w/storage.conf"), "/w/buildah-home")["HOME"]);
        Assert.Equal("/w/buildah-home/.config/containers/certs.d", BuildahEnvironment.CertsDirectoryIn("/w/buildah-home"));
    }
}
