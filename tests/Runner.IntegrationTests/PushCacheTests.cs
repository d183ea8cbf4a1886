using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// Pushes skip what the registry has (issue 14, part 3), checked in the registry's own request log: a build on a
/// base image pulled from the registry pushes only its new layers and its config, and the base layers are mounted
/// from the repository they came from, as long as buildah can keep its blob-info cache from the build to the push
/// (the pod-shaped sandbox: the storage volume at /var/lib/containers). Without that, the runner warns, and the
/// warning is true: the registry receives the base again.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class PushCacheTests
{
    private static readonly Dictionary<string, string> App = new()
    {
        ["Containerfile"] = "ARG BASE\nFROM ${BASE}\nRUN head -c 4096 /dev/urandom > /app.bin\n",
    };

    [Fact]
    public async Task In_a_pod_shaped_sandbox_a_push_uploads_only_the_new_layer_and_the_config_and_mounts_the_base()
    {
        await using var registry = await RegistryServer.StartAsync();
        var baseImage = await PushBaseAsync(registry);
        using var sandbox = Sandbox.Create("push-cache");
        var image = $"{registry.Address}/app/one:1";

        var build = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", sandbox.AddContext("app", App), "--tag", image, "--tls-verify=false", "--build-arg", "BASE=" + baseImage);

        Assert.True(build.ExitCode == 0, build.All);
        Assert.DoesNotContain("blob-info-cache", build.All, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(sandbox.Volume, "cache", "blob-info-cache-v1.boltdb")), "buildah kept its blob-info cache on the storage volume");
        var (baseLayers, _) = await ManifestAsync(baseImage);
        var (layers, config) = await ManifestAsync(image);
        var newLayers = layers.Except(baseLayers).ToList();
        Assert.Single(newLayers);
        Assert.Equal([.. newLayers, config], Uploaded(registry, "app/one"));
        Assert.Equal(baseLayers, Mounted(registry, "app/one"));
    }

    [Fact]
    public async Task A_non_root_pod_user_keeps_the_cache_in_the_storage_root_and_its_push_mounts_the_base()
    {
        await using var registry = await RegistryServer.StartAsync();
        var baseImage = await PushBaseAsync(registry);
        using var sandbox = Sandbox.Create("push-cache-user");
        var image = $"{registry.Address}/app/user:1";

        var build = await sandbox.BuildAsync(new SandboxOptions { User = 1000 }, null,
            "--context", sandbox.AddContext("app", App), "--tag", image, "--tls-verify=false", "--build-arg", "BASE=" + baseImage);

        Assert.True(build.ExitCode == 0, build.All);
        Assert.True(File.Exists(Path.Combine(sandbox.Volume, "storage", "data-home", "containers", "cache", "blob-info-cache-v1.boltdb")),
            "buildah kept its blob-info cache under the storage root (XDG_DATA_HOME)");
        var (baseLayers, _) = await ManifestAsync(baseImage);
        Assert.Equal(baseLayers, Mounted(registry, "app/user"));
        Assert.Empty(Uploaded(registry, "app/user").Intersect(baseLayers));
    }

    [Fact]
    public async Task Without_a_writable_var_lib_containers_doctor_and_the_build_log_warn_with_the_fix_and_the_push_uploads_the_base_again()
    {
        await using var registry = await RegistryServer.StartAsync();
        var baseImage = await PushBaseAsync(registry);
        using var sandbox = Sandbox.Create("push-cache-none");
        var image = $"{registry.Address}/app/two:1";
        var options = new SandboxOptions { NoContainersVolume = true };
        string[] flags = ["--context", sandbox.AddContext("app", App), "--tag", image, "--tls-verify=false", "--build-arg", "BASE=" + baseImage,
            "--storage-root", Path.Combine(sandbox.Volume, "storage")];

        var doctor = await sandbox.RunAsync(options, null, [sandbox.Binary, "doctor", "--json", .. flags]);
        var build = await sandbox.BuildAsync(options, null, flags);

        Assert.True(doctor.ExitCode == 0, doctor.All);
        var report = JsonDocument.Parse(doctor.StandardOutput).RootElement;
        var problem = report.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "blob-info-cache-unwritable");
        Assert.Contains("mount the storage volume (an emptyDir) at /var/lib/containers", problem.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.True(build.ExitCode == 0, build.All);
        Assert.Contains("every push compresses and uploads the base image's layers again", build.All, StringComparison.Ordinal);
        Assert.Contains("fix: mount the storage volume (an emptyDir) at /var/lib/containers", build.All, StringComparison.Ordinal);
        var (baseLayers, _) = await ManifestAsync(baseImage);
        Assert.Empty(Mounted(registry, "app/two"));
        Assert.Subset(Uploaded(registry, "app/two").ToHashSet(), baseLayers.ToHashSet());
    }

    // images/base/busybox built and pushed by the runner in a sandbox of its own, as the registry fixture does.
    private static async Task<string> PushBaseAsync(RegistryServer registry)
    {
        using var sandbox = Sandbox.Create("push-cache-base");
        var context = sandbox.AddContext(Repository.Path_("images", "base", "busybox"), "base");
        File.Copy("/bin/busybox", Path.Combine(context, "busybox"));
        var image = $"{registry.Address}/base/busybox:1";
        var result = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--tag", image, "--tls-verify=false");
        Assert.True(result.ExitCode == 0, result.All);
        return image;
    }

    private static async Task<(List<string> Layers, string Config)> ManifestAsync(string reference)
    {
        var manifest = JsonDocument.Parse(await Run.CheckedAsync("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + reference)).RootElement;
        return ([.. manifest.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!)],
            manifest.GetProperty("config").GetProperty("digest").GetString()!);
    }

    private static List<string> Uploaded(RegistryServer registry, string repository) =>
        [.. registry.Requests.Select(r => r.UploadedTo(repository)).OfType<string>()];

    private static List<string> Mounted(RegistryServer registry, string repository) =>
        [.. registry.Requests.Select(r => r.MountedInto(repository)).OfType<string>()];
}
