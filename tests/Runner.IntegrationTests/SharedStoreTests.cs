using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// Base images from a shared read-only store (issue 14): a store filled in one user-namespaced sandbox is bound
/// read-only (a hostPath with readOnly: true, not ID-mapped) into another. With the same ID mapping the build takes
/// its base from it and the registry serves none of the base's blobs (its access log says so); with another mapping
/// the store's owners show as 65534, doctor names it, and the build pulls. The store is filled by <c>build-runner prefetch</c>.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class SharedStoreTests(RegistryFixture registry)
{
    private const string StoreInside = "/run/shared-images";

    /// <summary>Container root's node UID in the sandbox with another ID mapping (root:1300000:65536 in /etc/subuid, install-deps.sh).</summary>
    private const long OtherHostBase = 1300000;

    [Fact]
    public async Task A_base_filled_into_a_store_in_one_sandbox_is_built_on_read_only_in_another_with_the_same_mapping_without_pulling_it_and_another_mapping_pulls()
    {
        await using var server = await RegistryServer.StartAsync();
        var baseImage = $"{server.Address}/base/busybox:latest";
        await Run.CheckedAsync("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false", $"docker://{registry.BaseImage}", $"docker://{baseImage}");
        var baseLayers = Layers(await RegistryImage.InspectAsync(baseImage));

        using var filler = Sandbox.Create("store-fill");
        var fill = await FillAsync(filler, baseImage);
        Assert.True(fill.ExitCode == 0, fill.All);
        var store = Path.Combine(filler.Volume, "shared");

        // The same ID mapping: the store is used, and the base comes from it.
        using var reader = Sandbox.Create("store-read");
        var same = new SandboxOptions { ReadOnlyBinds = [(store, StoreInside)] };
        var context = reader.AddContext("app", Context(baseImage));
        var image = $"{server.Address}/app/from-store:1";
        var doctor = await DoctorAsync(reader, same, context, image);
        var record = Assert.Single(doctor.GetProperty("imageStores").EnumerateArray());
        Assert.Equal(StoreInside, record.GetProperty("path").GetString());
        Assert.True(record.GetProperty("readable").GetBoolean(), record.ToString());
        Assert.True(record.GetProperty("ownersMapped").GetBoolean(), record.ToString());
        Assert.True(record.GetProperty("used").GetBoolean(), record.ToString());
        Assert.Contains(baseImage, record.GetProperty("images").GetProperty("overlay").EnumerateArray().Select(i => i.GetString()));

        var before = server.AccessLog.Count;
        var build = await reader.BuildAsync(same, null, Build(context, image));
        Assert.True(build.ExitCode == 0, build.All);
        Assert.Contains($"image store {StoreInside} (read-only)", build.All, StringComparison.Ordinal);
        var requests = server.AccessLog.Skip(before).ToList();
        Assert.DoesNotContain(requests, l => baseLayers.Any(d => l.Contains($"GET /v2/base/busybox/blobs/{d} ", StringComparison.Ordinal)));
        await AssertBuiltOnAsync(image, baseLayers);

        // Another ID mapping, the same store not ID-mapped: its owners show as 65534; doctor says so and the build pulls.
        using var other = Sandbox.Create("store-other");
        var unmapped = new SandboxOptions { HostBase = OtherHostBase, ReadOnlyBinds = [(store, StoreInside)] };
        var otherContext = other.AddContext("app", Context(baseImage));
        var otherImage = $"{server.Address}/app/pulled:1";
        var otherDoctor = await DoctorAsync(other, unmapped, otherContext, otherImage);
        var otherRecord = Assert.Single(otherDoctor.GetProperty("imageStores").EnumerateArray());
        Assert.False(otherRecord.GetProperty("ownersMapped").GetBoolean(), otherRecord.ToString());
        Assert.Equal(65534, otherRecord.GetProperty("owner").GetInt64());
        Assert.False(otherRecord.GetProperty("used").GetBoolean());
        Assert.Contains("ID-mapped", otherRecord.GetProperty("fix").GetString(), StringComparison.Ordinal);
        var problem = Assert.Single(otherDoctor.GetProperty("problems").EnumerateArray(), p => p.GetProperty("code").GetString() == "image-store-unusable");
        Assert.Contains(StoreInside, problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("owned by IDs this pod's user namespace does not map", problem.GetProperty("message").GetString(), StringComparison.Ordinal);

        before = server.AccessLog.Count;
        var pulled = await other.BuildAsync(unmapped, null, Build(otherContext, otherImage));
        Assert.True(pulled.ExitCode == 0, pulled.All);
        Assert.Contains($"the image store \"{StoreInside}\" (build-runner/image-stores) is not used: its files are owned by IDs", pulled.All, StringComparison.Ordinal);
        requests = server.AccessLog.Skip(before).ToList();
        Assert.All(baseLayers, d => Assert.Contains(requests, l => l.Contains($"GET /v2/base/busybox/blobs/{d} ", StringComparison.Ordinal)));
        await AssertBuiltOnAsync(otherImage, baseLayers);
    }

    [Fact]
    public async Task Prefetch_skips_what_the_store_holds_and_a_build_during_a_prefetch_sees_the_image_whole_or_not_at_all()
    {
        await using var server = await RegistryServer.StartAsync();
        var baseImage = $"{server.Address}/base/busybox:latest";
        await Run.CheckedAsync("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false", $"docker://{registry.BaseImage}", $"docker://{baseImage}");
        // A base big enough (64 MiB of random bytes) that pulling and unpacking it takes a while.
        var bigImage = $"{server.Address}/base/big:1";
        using var maker = Sandbox.Create("store-big");
        var made = await maker.BuildAsync(new SandboxOptions(), null, "--context", maker.AddContext("big", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {baseImage}\nRUN [\"/bin/busybox\", \"sh\", \"-c\", \"head -c 67108864 /dev/urandom > /big\"]\n",
        }), "--tag", bigImage, "--tls-verify=false", "--storage-driver", "overlay");
        Assert.True(made.ExitCode == 0, made.All);
        var bigLayers = Layers(await RegistryImage.InspectAsync(bigImage));

        using var filler = Sandbox.Create("store-fill2");
        var fill = await FillAsync(filler, baseImage);
        Assert.True(fill.ExitCode == 0, fill.All);
        var again = await FillAsync(filler, baseImage);
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains($"{baseImage} is already in /var/lib/containers/shared: not pulled again", again.All, StringComparison.Ordinal);
        Assert.DoesNotContain("pulled " + baseImage, again.All, StringComparison.Ordinal);
        var store = Path.Combine(filler.Volume, "shared");

        // The prefetch of the big base runs; once the registry is serving its blobs, a build from it starts on the store.
        var before = server.AccessLog.Count;
        var prefetch = FillAsync(filler, bigImage);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!server.AccessLog.Skip(before).Any(l => l.Contains("GET /v2/base/big/blobs/", StringComparison.Ordinal)) && !prefetch.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        using var reader = Sandbox.Create("store-during");
        var options = new SandboxOptions { ReadOnlyBinds = [(store, StoreInside)] };
        Assert.False(prefetch.IsCompleted, "the prefetch ended before the build could start during it");
        var during = await reader.BuildAsync(options, null, Build(reader.AddContext("app", Context(bigImage)), $"{server.Address}/app/during:1"));
        var prefetched = await prefetch;
        Assert.True(prefetched.ExitCode == 0, prefetched.All);
        Assert.True(during.ExitCode == 0, during.All);
        await AssertBuiltOnAsync($"{server.Address}/app/during:1", bigLayers);

        // Once the prefetch is done, a build in a fresh sandbox takes the big base from the store: no blob of it is served.
        using var after = Sandbox.Create("store-after");
        before = server.AccessLog.Count;
        var built = await after.BuildAsync(options, null, Build(after.AddContext("app", Context(bigImage)), $"{server.Address}/app/after:1"));
        Assert.True(built.ExitCode == 0, built.All);
        Assert.DoesNotContain(server.AccessLog.Skip(before), l => bigLayers.Any(d => l.Contains($"GET /v2/base/big/blobs/{d} ", StringComparison.Ordinal)));
        await AssertBuiltOnAsync($"{server.Address}/app/after:1", bigLayers);
    }

    // build-runner prefetch fills the store at /var/lib/containers/shared (the sandbox's volume on the node) with an image.
    private static Task<ProcessResult> FillAsync(Sandbox sandbox, string image) =>
        sandbox.RunAsync(new SandboxOptions(), null,
            sandbox.Binary, "prefetch", "--storage-root", "/var/lib/containers/shared", "--storage-driver", "overlay", "--tls-verify=false", image);

    private static async Task<JsonElement> DoctorAsync(Sandbox sandbox, SandboxOptions options, string context, string image)
    {
        var run = await sandbox.RunAsync(options, null, [sandbox.Binary, "doctor", "--json", .. Build(context, image)]);
        return JsonDocument.Parse(run.StandardOutput).RootElement;
    }

    private static string[] Build(string context, string image) =>
        ["--context", context, "--tag", image, "--tls-verify=false", "--storage-driver", "overlay", "--image-store", StoreInside];

    private static Dictionary<string, string> Context(string baseImage) => new()
    {
        ["Containerfile"] = $"FROM {baseImage}\nRUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo built-on-the-base > /built\"]\n",
    };

    // The image is the base's layers and one more, holding the RUN step's file.
    private static async Task AssertBuiltOnAsync(string image, List<string> baseLayers)
    {
        var layers = Layers(await RegistryImage.InspectAsync(image));
        Assert.Equal(baseLayers, layers.Take(baseLayers.Count));
        Assert.Equal(baseLayers.Count + 1, layers.Count);
        var files = await RegistryImage.FilesAsync(image);
        Assert.Equal("built-on-the-base\n", files.Last(f => f.Path == "built").Content);
    }

    private static List<string> Layers(JsonElement inspect) =>
        [.. inspect.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!)];
}
