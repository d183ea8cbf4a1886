using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// Layers when they pay, and the registry layer cache, for real in the sandbox pod: what buildah was asked (a PATH
/// shim), what it printed, and what reached the registry (layer digests of steps that write random bytes, which only
/// reuse can make equal).
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class LayerCacheTests(RegistryFixture registry)
{
    [Fact]
    public async Task A_second_build_in_a_fresh_store_pulls_the_first_builds_layers_from_the_cache_repo_and_runs_again_only_the_steps_from_a_changed_file_on()
    {
        var cache = $"{registry.Address}/cache/{Guid.NewGuid():N}";
        using var first = Sandbox.Create("cache-cold");
        using var second = Sandbox.Create("cache-warm");
        var coldImage = $"{registry.Address}/cached/app:cold";
        var warmImage = $"{registry.Address}/cached/app:warm";

        var cold = await first.BuildAsync(new SandboxOptions(), null,
            "--context", first.AddContext("app", Files("one")), "--tag", coldImage, "--tls-verify=false", "--cache-repo", cache);
        var warm = await second.BuildAsync(new SandboxOptions(), null,
            "--context", second.AddContext("app", Files("two")), "--tag", warmImage, "--tls-verify=false", "--cache-repo", cache);

        Assert.True(cold.ExitCode == 0, cold.All);
        Assert.True(warm.ExitCode == 0, warm.All);
        Assert.Contains("layers: on (auto: a layer cache repository is set", cold.All, StringComparison.Ordinal);
        var baseLayers = Layers(await RegistryImage.InspectAsync(registry.BaseImage)).Count;
        var coldLayers = Layers(await RegistryImage.InspectAsync(coldImage));
        var warmLayers = Layers(await RegistryImage.InspectAsync(warmImage));
        // One layer per step: RUN, RUN, COPY, RUN.
        Assert.Equal(baseLayers + 4, coldLayers.Count);
        Assert.Equal(baseLayers + 4, warmLayers.Count);
        // The two RUN steps before the changed file wrote random bytes: equal layers mean they were pulled, not run.
        Assert.Equal(coldLayers.Take(baseLayers + 2), warmLayers.Take(baseLayers + 2));
        Assert.Equal(2, Occurrences(warm.All, $"Cache pulled from remote {cache}:"));
        Assert.Equal(0, Occurrences(cold.All, "Cache pulled from remote"));
        // The changed file is copied again and the step after it runs again: nothing stale comes from the cache.
        Assert.NotEqual(coldLayers[baseLayers + 2], warmLayers[baseLayers + 2]);
        Assert.NotEqual(coldLayers[baseLayers + 3], warmLayers[baseLayers + 3]);
        var warmFiles = await RegistryImage.FilesAsync(warmImage);
        Assert.Equal("two\n", warmFiles.Last(f => f.Path == "source.txt").Content);
    }

    [Theory]
    [InlineData("stopped")]
    [InlineData("refusing")]
    public async Task A_cache_repo_that_cannot_be_written_is_a_warning_naming_it_and_the_same_build_runs_without_it(string state)
    {
        await using var cacheRegistry = state == "refusing"
            ? await RegistryServer.WithHtpasswdAsync("builder", "correct-horse")
            : await RegistryServer.StartAsync();
        if (state == "stopped")
        {
            await cacheRegistry.StopAsync();
        }
        var cache = $"{cacheRegistry.Address}/cache/app";
        using var sandbox = Sandbox.Create("cache-" + state);
        var shim = BuildahShim.Install(sandbox);
        var image = $"{registry.Address}/cached/app:{state}";

        var run = await sandbox.RunAsync(new SandboxOptions(), null, shim.Environment,
            sandbox.Binary, "build", "--result", sandbox.ResultPath, "--context", sandbox.AddContext("app", Files("one")), "--tag", image,
            "--tls-verify=false", "--cache-repo", cache, "--retry-delay", "100ms");

        Assert.True(run.ExitCode == 0, run.All);
        var result = sandbox.ReadResult();
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.Equal((await RegistryImage.InspectAsync(image)).GetProperty("Digest").GetString(), result.GetProperty("digest").GetString());
        var warning = Assert.Single(run.All.Split('\n'), l => l.Contains($"the layer cache {cache} could not be written", StringComparison.Ordinal));
        Assert.Contains(" warn: ", warning, StringComparison.Ordinal);
        Assert.Contains("failed pushing cache to", warning, StringComparison.Ordinal);
        var builds = shim.BudCalls();
        Assert.Equal(2, builds.Count);
        Assert.Equal(["--cache-from", cache, "--cache-to", cache], CacheFlags(builds[0]));
        Assert.Empty(CacheFlags(builds[1]));
        Assert.Contains("--layers=true", builds[1]);
    }

    [Fact]
    public async Task A_cache_repo_that_cannot_be_read_is_a_warning_naming_it_and_the_build_runs_its_steps()
    {
        await using var cacheRegistry = await RegistryServer.StartAsync();
        await cacheRegistry.StopAsync();
        var cache = $"{cacheRegistry.Address}/cache/app";
        using var sandbox = Sandbox.Create("cache-unreadable");
        var image = $"{registry.Address}/cached/app:unreadable";

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", sandbox.AddContext("app", Files("one")), "--tag", image, "--tls-verify=false", "--cache-repo", cache, "--cache-push=false");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal((await RegistryImage.InspectAsync(image)).GetProperty("Digest").GetString(), sandbox.ReadResult().GetProperty("digest").GetString());
        var warning = Assert.Single(run.All.Split('\n'), l => l.Contains($"the layer cache {cache} could not be read", StringComparison.Ordinal));
        Assert.Contains(" warn: ", warning, StringComparison.Ordinal);
        Assert.Contains("connection refused", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Layers_auto_builds_without_layers_on_an_empty_store_and_with_them_once_the_volume_holds_images()
    {
        using var sandbox = Sandbox.Create("layers-auto");
        var shim = BuildahShim.Install(sandbox);
        string[] arguments = ["--context", sandbox.AddContext("app", Files("one")), "--no-push", "--tls-verify=false"];

        var doctor = await sandbox.RunAsync(new SandboxOptions(), null, shim.Environment, [sandbox.Binary, "doctor", "--json", .. arguments]);
        var fresh = await sandbox.RunAsync(new SandboxOptions(), null, shim.Environment, [sandbox.Binary, "build", .. arguments]);
        var kept = await sandbox.RunAsync(new SandboxOptions(), null, shim.Environment, [sandbox.Binary, "build", .. arguments]);

        Assert.True(fresh.ExitCode == 0, fresh.All);
        Assert.True(kept.ExitCode == 0, kept.All);
        var plan = JsonDocument.Parse(doctor.StandardOutput).RootElement.GetProperty("plan");
        Assert.False(plan.GetProperty("layers").GetProperty("enabled").GetBoolean());
        Assert.Matches("^auto: the (overlay|fuse-overlayfs|vfs) store is empty", plan.GetProperty("layers").GetProperty("reason").GetString());
        Assert.Contains("--layers=false", plan.GetProperty("buildah")[0].GetProperty("argv").EnumerateArray().Select(a => a.GetString()));
        var builds = shim.BudCalls();
        Assert.Equal(2, builds.Count);
        Assert.Contains("--layers=false", builds[0]);
        Assert.Contains("--layers=true", builds[1]);
        Assert.Contains("layers: off (auto: the", fresh.All, StringComparison.Ordinal);
        Assert.Matches(@"layers: on \(auto: the \S+ store already holds [1-9][0-9]* images? ", kept.All);
    }

    // A RUN step that writes random bytes can only give the same layer twice by reuse.
    private Dictionary<string, string> Files(string source) => new()
    {
        ["Containerfile"] = $"""
            FROM {registry.BaseImage}
            RUN head -c 16 /dev/urandom | od -An -tx1 > /first
            RUN head -c 16 /dev/urandom | od -An -tx1 > /second
            COPY source.txt /source.txt
            RUN head -c 16 /dev/urandom | od -An -tx1 > /after
            """,
        ["source.txt"] = source + "\n",
    };

    private static List<string> Layers(JsonElement inspected) =>
        [.. inspected.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!)];

    private static int Occurrences(string text, string part) =>
        text.Split('\n').Count(l => l.Contains(part, StringComparison.Ordinal));

    private static List<string> CacheFlags(string[] argv) =>
        [.. argv.Select((a, i) => (a, i)).Where(p => p.a is "--cache-from" or "--cache-to").SelectMany(p => new[] { p.a, argv[p.i + 1] })];
}
