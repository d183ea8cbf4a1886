using System.Globalization;
using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;
using BuildRunner.Settings;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// The settings production pipelines pass, each through a real build in the user-namespaced sandbox pushed to the real
/// registry, its effect checked from outside with skopeo: squash, OCI annotations, env, a named build context, unused
/// stages, omitted history, the identity label, proxies, and reproducible digests.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class BuildOptionsTests(RegistryFixture registry)
{
    [Fact]
    public async Task Squash_makes_the_whole_image_one_layer_where_the_same_build_with_layers_has_one_per_step()
    {
        var files = new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nCOPY a.txt /a.txt\nRUN echo b > /b.txt\nRUN echo c > /c.txt\n",
            ["a.txt"] = "a\n",
        };
        var baseLayers = (await RegistryImage.InspectAsync(registry.BaseImage)).GetProperty("Layers").GetArrayLength();

        var layered = await BuildAsync("squash-off", files, "options/squash:off", "--layers");
        var plain = await BuildAsync("squash-default", files, "options/squash:default", "--layers=false");
        var squashed = await BuildAsync("squash-on", files, "options/squash:on", "--squash", "--layers");

        Assert.Equal(baseLayers + 3, layered.GetProperty("Layers").GetArrayLength());
        Assert.Equal(baseLayers + 1, plain.GetProperty("Layers").GetArrayLength());
        // buildah 1.28's --squash takes the base image's layers in too (podman calls this --squash-all).
        Assert.Equal(1, squashed.GetProperty("Layers").GetArrayLength());
        var content = await RegistryImage.FilesAsync($"{registry.Address}/options/squash:on");
        Assert.Equal("c\n", content.Single(f => f.Path == "c.txt").Content);
        Assert.Equal("a\n", content.Single(f => f.Path == "a.txt").Content);
        Assert.Contains(content, f => f.Path == "bin/busybox");
    }

    [Fact]
    public async Task Annotations_from_the_pod_annotation_are_in_the_pushed_OCI_manifest()
    {
        var image = $"{registry.Address}/options/annotations:1";
        using var sandbox = Sandbox.Create("opt-annotations");
        var context = sandbox.AddContext("ctx", Simple());
        var annotations = AnnotationsFile.Format(new Dictionary<string, string>
        {
            ["build-runner/output-image"] = image,
            ["build-runner/build-args"] = $"BASE={registry.BaseImage}",
            ["build-runner/annotations"] = "org.opencontainers.image.source=https://git.example.com/app\ncom.example.team=build=ops",
        });

        var run = await sandbox.BuildAsync(new SandboxOptions(), annotations, "--context", context, "--tls-verify=false");

        Assert.True(run.ExitCode == 0, run.All);
        var manifest = JsonDocument.Parse(await Run.CheckedAsync("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + image)).RootElement;
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", manifest.GetProperty("mediaType").GetString());
        var shown = manifest.GetProperty("annotations");
        Assert.Equal("https://git.example.com/app", shown.GetProperty("org.opencontainers.image.source").GetString());
        Assert.Equal("build=ops", shown.GetProperty("com.example.team").GetString());
    }

    [Fact]
    public async Task Env_is_set_in_the_image_configuration()
    {
        var inspected = await BuildAsync("opt-env", Simple(), "options/env:1", "--env", "MODE=production", "--env", "GREETING=hello world");

        var env = inspected.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("MODE=production", env);
        Assert.Contains("GREETING=hello world", env);
    }

    [Fact]
    public async Task A_named_build_context_is_what_COPY_from_NAME_reads()
    {
        var image = $"{registry.Address}/options/build-context:1";
        using var sandbox = Sandbox.Create("opt-bctx");
        var context = sandbox.AddContext("ctx", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nCOPY --from=shared config.txt /etc/shared-config.txt\n",
        });
        var shared = sandbox.AddContext("shared-sources", new Dictionary<string, string> { ["config.txt"] = "from the named context\n" });

        var run = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--tag", image, "--tls-verify=false",
            "--build-context", "shared=" + shared);

        Assert.True(run.ExitCode == 0, run.All);
        var files = await RegistryImage.FilesAsync(image);
        Assert.Equal("from the named context\n", files.Single(f => f.Path == "etc/shared-config.txt").Content);
    }

    [Fact]
    public async Task A_named_build_context_whose_folder_is_missing_fails_before_buildah_naming_it()
    {
        using var sandbox = Sandbox.Create("opt-bctx-missing");
        var context = sandbox.AddContext("ctx", Simple());

        var run = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--tag", $"{registry.Address}/options/none:1",
            "--tls-verify=false", "--build-context", "shared=" + Path.Combine(sandbox.Dir, "not-there"));

        Assert.True(run.ExitCode == 3, run.All);
        var error = sandbox.ReadResult().GetProperty("error");
        Assert.Equal("build-context-missing", error.GetProperty("code").GetString());
        Assert.Contains("build context \"shared\"", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("build context \"shared\"", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unused_stage_is_not_built_by_default_and_is_built_with_skip_unused_stages_false()
    {
        // The unused stage's RUN fails the build if it runs at all.
        var files = new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage} AS unused\nRUN echo the-unused-stage-ran && exit 7\n"
                + $"FROM {registry.BaseImage}\nRUN echo final > /final.txt\n",
        };

        using var skipping = Sandbox.Create("opt-skip");
        var run = await skipping.BuildAsync(new SandboxOptions(), null, "--context", skipping.AddContext("ctx", files),
            "--tag", $"{registry.Address}/options/stages:skipped", "--tls-verify=false");
        Assert.True(run.ExitCode == 0, run.All);
        Assert.DoesNotContain("the-unused-stage-ran", run.All, StringComparison.Ordinal);

        using var building = Sandbox.Create("opt-noskip");
        var all = await building.BuildAsync(new SandboxOptions(), null, "--context", building.AddContext("ctx", files),
            "--tag", $"{registry.Address}/options/stages:all", "--tls-verify=false", "--skip-unused-stages=false");
        Assert.NotEqual(0, all.ExitCode);
        Assert.Contains("the-unused-stage-ran", all.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Omit_history_leaves_the_pushed_configuration_without_history()
    {
        var kept = await ConfigAsync(await BuildImageAsync("opt-hist-kept", Simple(), "options/history:kept"));
        var omitted = await ConfigAsync(await BuildImageAsync("opt-hist-omit", Simple(), "options/history:omitted", "--omit-history"));

        Assert.True(kept.TryGetProperty("history", out var history) && history.GetArrayLength() > 0, kept.ToString());
        Assert.True(!omitted.TryGetProperty("history", out var none) || none.ValueKind == JsonValueKind.Null || none.GetArrayLength() == 0, omitted.ToString());
    }

    [Fact]
    public async Task The_identity_label_is_there_by_default_and_gone_with_identity_label_false()
    {
        // From scratch: the test's base image was built by buildah, so it carries the label itself.
        var files = new Dictionary<string, string> { ["Containerfile"] = "FROM scratch\nCOPY a.txt /a.txt\n", ["a.txt"] = "a\n" };
        var labelled = await BuildAsync("opt-idl-on", files, "options/identity:on");
        var plain = await BuildAsync("opt-idl-off", files, "options/identity:off", "--identity-label=false");

        Assert.True(labelled.GetProperty("Labels").TryGetProperty("io.buildah.version", out _), labelled.GetProperty("Labels").ToString());
        Assert.False(plain.GetProperty("Labels").ValueKind == JsonValueKind.Object && plain.GetProperty("Labels").TryGetProperty("io.buildah.version", out _),
            plain.GetProperty("Labels").ToString());
    }

    [Fact]
    public async Task Proxies_carry_buildahs_pull_and_push_and_RUN_steps_never_see_them()
    {
        var port = int.Parse(registry.Address.Split(':')[1], CultureInfo.InvariantCulture);
        await using var proxy = new RecordingProxy(port);
        using var sandbox = Sandbox.Create("opt-proxy");
        // Only the proxy knows the registry by this name: the pull and the push can only have gone through it.
        var baseByName = $"{proxy.RegistryAddress}/build-runner/busybox:latest";
        var image = $"{proxy.RegistryAddress}/options/proxy:1";
        var context = sandbox.AddContext("ctx", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {baseByName}\nRUN env > /run-env.txt\n",
        });
        var annotations = AnnotationsFile.Format(new Dictionary<string, string>
        {
            ["build-runner/http-proxy"] = proxy.Url,
            ["build-runner/https-proxy"] = proxy.Url,
            ["build-runner/no-proxy"] = "nothing.invalid",
        });

        var run = await sandbox.BuildAsync(new SandboxOptions(), annotations, "--context", context, "--tag", image, "--tls-verify=false");

        Assert.True(run.ExitCode == 0, run.All);
        var requests = string.Join('\n', proxy.Requests);
        Assert.Contains($"/v2/build-runner/busybox/manifests/latest", requests, StringComparison.Ordinal);
        Assert.Contains($"/v2/options/proxy/manifests/1", requests, StringComparison.Ordinal);
        // Read back directly (not through the proxy): what the RUN step's environment held.
        var files = await RegistryImage.FilesAsync($"{registry.Address}/options/proxy:1");
        var env = files.Single(f => f.Path == "run-env.txt").Content!;
        Assert.DoesNotContain("proxy", env, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(proxy.Url, env, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_given_also_as_a_build_argument_is_what_RUN_steps_see()
    {
        var port = int.Parse(registry.Address.Split(':')[1], CultureInfo.InvariantCulture);
        await using var proxy = new RecordingProxy(port);
        var inspected = await BuildImageAsync("opt-proxy-arg",
            new Dictionary<string, string> { ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN env > /run-env.txt\n" },
            "options/proxy:arg", "--http-proxy", proxy.Url, "--build-arg", "http_proxy=http://proxy-for-run-steps.invalid:3128");

        var env = (await RegistryImage.FilesAsync(inspected)).Single(f => f.Path == "run-env.txt").Content!;
        Assert.Contains("http_proxy=http://proxy-for-run-steps.invalid:3128", env, StringComparison.Ordinal);
        Assert.DoesNotContain(proxy.Url, env, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_builds_of_one_context_with_timestamp_0_in_fresh_stores_push_one_digest()
    {
        var files = new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nCOPY a.txt /a.txt\nRUN echo built > /b.txt && mkdir /d && touch /d/e\n",
            ["a.txt"] = "a\n",
        };

        var first = await BuildAsync("opt-repro-1", files, "options/reproducible:first", "--timestamp", "0");
        var second = await BuildAsync("opt-repro-2", files, "options/reproducible:second", "--timestamp", "0");

        Assert.Equal(first.GetProperty("Digest").GetString(), second.GetProperty("Digest").GetString());
        Assert.Equal(DateTimeOffset.UnixEpoch, first.GetProperty("Created").GetDateTimeOffset());
    }

    private static Dictionary<string, string> Simple() => new() { ["Containerfile"] = "ARG BASE\nFROM ${BASE}\nRUN echo ran > /ran.txt\n" };

    // Builds in a fresh sandbox (a fresh store), pushes to the test registry, returns skopeo inspect of the push.
    private async Task<JsonElement> BuildAsync(string name, Dictionary<string, string> files, string repositoryAndTag, params string[] more) =>
        await RegistryImage.InspectAsync(await BuildImageAsync(name, files, repositoryAndTag, more));

    private async Task<string> BuildImageAsync(string name, Dictionary<string, string> files, string repositoryAndTag, params string[] more)
    {
        var image = $"{registry.Address}/{repositoryAndTag}";
        using var sandbox = Sandbox.Create(name);
        var context = sandbox.AddContext("ctx", files);
        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            ["--context", context, "--tag", image, "--tls-verify=false", "--build-arg", $"BASE={registry.BaseImage}", .. more]);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal((await RegistryImage.InspectAsync(image)).GetProperty("Digest").GetString(), sandbox.ReadResult().GetProperty("digest").GetString());
        return image;
    }

    private static async Task<JsonElement> ConfigAsync(string image) =>
        JsonDocument.Parse(await Run.CheckedAsync("skopeo", "inspect", "--config", "--tls-verify=false", "docker://" + image)).RootElement;
}
