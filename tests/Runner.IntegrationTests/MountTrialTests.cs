using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// The probe's mount trial against storage roots native overlay cannot use, made for real on the node and given to
/// the sandbox as its volume. buildah 1.28 would not say so: over either root it "works" with native overlay asked
/// for, because it quietly mounts with fuse-overlayfs instead; the probe names the problem and picks fuse-overlayfs
/// openly.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class MountTrialTests
{
    [Fact]
    public async Task Native_overlay_over_an_overlayfs_storage_root_is_unusable_and_auto_picks_fuse_overlayfs()
    {
        using var sandbox = Sandbox.Create("trial-overlayfs");
        await using var root = await MountAsync(sandbox, "overlay", "-t", "overlay", "overlay", "-o", "lowerdir={lower},upperdir={upper},workdir={work}");

        var storage = await DoctorStorageAsync(sandbox);
        var asked = await DoctorStorageAsync(sandbox, "--storage-driver", "overlay");

        Assert.Equal("fuse-overlayfs", storage.GetProperty("selected").GetString());
        var overlay = storage.GetProperty("candidates")[0];
        Assert.False(overlay.GetProperty("usable").GetBoolean());
        Assert.StartsWith("the storage root is on overlayfs, and native overlay does not work over overlayfs", overlay.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(asked.TryGetProperty("selected", out _), asked.GetRawText());
        Assert.StartsWith("no storage driver works here: overlay: the storage root is on overlayfs", asked.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mount_the_kernel_refuses_is_caught_by_the_trial_itself()
    {
        // A storage root on a FUSE file system: nothing rules it out before mounting, and the kernel refuses it as an
        // upper layer.
        using var sandbox = Sandbox.Create("trial-fuse-root");
        await using var root = await MountAsync(sandbox, "/usr/bin/fuse-overlayfs", "-o", "lowerdir={lower},upperdir={upper},workdir={work},allow_other");

        var storage = await DoctorStorageAsync(sandbox);

        var overlay = storage.GetProperty("candidates")[0];
        Assert.False(overlay.GetProperty("usable").GetBoolean());
        Assert.StartsWith("mounting overlay in a user namespace was refused: mount: ", overlay.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("fuse-overlayfs", storage.GetProperty("selected").GetString());
    }

    private static async Task<JsonElement> DoctorStorageAsync(Sandbox sandbox, params string[] extra)
    {
        // No memo may answer for the trial: each doctor starts from a store that was never probed.
        var memo = Path.Combine(sandbox.Volume, "storage", "build-runner-probe.json");
        if (File.Exists(memo))
        {
            File.Delete(memo);
        }
        var doctor = await sandbox.RunAsync(new SandboxOptions(), null, [sandbox.Binary, "doctor", "--json", "--context", sandbox.Dir, .. extra]);
        return JsonDocument.Parse(doctor.StandardOutput).RootElement.GetProperty("storage");
    }

    // Mounts a file system at the sandbox's volume on the node (the test runs as node root), owned by the pod's root.
    private static async Task<Mounted> MountAsync(Sandbox sandbox, string program, params string[] arguments)
    {
        var layers = Path.Combine(sandbox.Dir, "layers");
        string Layer(string name) => Directory.CreateDirectory(Path.Combine(layers, name)).FullName;
        var (lower, upper, work) = (Layer("lower"), Layer("upper"), Layer("work"));
        Directory.CreateDirectory(sandbox.Volume);
        await Run.CheckedAsync("chown", $"{Sandbox.HostUidOfRoot}:{Sandbox.HostUidOfRoot}", upper);
        await Run.CheckedAsync(program == "overlay" ? "mount" : program,
            [.. arguments.Select(a => a.Replace("{lower}", lower).Replace("{upper}", upper).Replace("{work}", work)), sandbox.Volume]);
        await Run.CheckedAsync("chown", $"{Sandbox.HostUidOfRoot}:{Sandbox.HostUidOfRoot}", sandbox.Volume);
        return new Mounted(sandbox.Volume);
    }

    private sealed record Mounted(string Path) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Run.ProcessAsync("umount", [Path]);
    }
}
