using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Storage;
using NSubstitute;

namespace BuildRunner.Tests.Storage;

/// <summary>
/// The mount trial's decisions. The trial itself (unshare, mount, fuse-overlayfs) runs for real in the integration
/// tests; here a stand-in script plays unshare, so what the runner makes of each answer is checked on any machine.
/// </summary>
public sealed class MountStoreTesterTests : IDisposable
{
    private const string Store = "/var/lib/containers/storage/build-runner-probe/overlay";
    private const long Ext4 = 0xEF53;
    private const long Overlayfs = 0x794C7630;

    private readonly string scripts = Directory.CreateTempSubdirectory("mount-trial-").FullName;

    public void Dispose() => Directory.Delete(scripts, recursive: true);

    private static MockFileSystem FileSystem()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory(Store);
        return fs;
    }

    private static IStoreTester Fallback(string? answer = "buildah says no")
    {
        var fallback = Substitute.For<IStoreTester>();
        fallback.TryAsync(Arg.Any<StorageConfiguration>(), Arg.Any<CancellationToken>()).Returns(Task.FromResult(answer));
        return fallback;
    }

    // A stand-in for unshare that prints to stderr and exits with a status, recording that it ran.
    private string Unshare(int status, string said = "")
    {
        var path = Path.Combine(scripts, $"unshare-{status}");
        File.WriteAllText(path, $"#!/bin/sh\necho ran >\"{scripts}/ran\"\nprintf '%s' '{said}' >&2\nexit {status}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private bool TrialRan => File.Exists(Path.Combine(scripts, "ran"));

    private static StorageConfiguration Configuration(StorageDriver driver) =>
        new(driver, Store, "/run/build-runner-probe-" + driver.ToName(), driver == StorageDriver.FuseOverlayfs ? "/usr/bin/fuse-overlayfs" : null);

    private static Task<string?> Try(MountStoreTester tester, StorageDriver driver) =>
        tester.TryAsync(Configuration(driver), CancellationToken.None);

    [Fact]
    public async Task Overlay_works_when_the_trial_mounts_and_writes()
    {
        var fallback = Fallback();
        var tester = new MountStoreTester(FileSystem(), fallback, Unshare(0), _ => Ext4, _ => true);

        Assert.Null(await Try(tester, StorageDriver.Overlay));
        Assert.True(TrialRan);
        await fallback.DidNotReceiveWithAnyArgs().TryAsync(default!, default);
    }

    [Fact]
    public async Task A_refused_mount_is_reported_with_what_mount_said_without_its_pointer_to_dmesg()
    {
        var said = "mount: /x/merged: wrong fs type, bad option, bad superblock on build-runner-probe.\n       dmesg(1) may have more information after failed mount system call.\n";
        var tester = new MountStoreTester(FileSystem(), Fallback(), Unshare(MountStoreTester.MountRefused, said), _ => Ext4, _ => true);

        var why = await Try(tester, StorageDriver.Overlay);

        Assert.Equal("mounting overlay in a user namespace was refused: mount: /x/merged: wrong fs type, bad option, bad superblock on build-runner-probe.", why);
    }

    [Fact]
    public async Task A_mount_that_cannot_be_written_through_is_reported_as_such()
    {
        var tester = new MountStoreTester(FileSystem(), Fallback(), Unshare(MountStoreTester.WriteFailed, "a file written through the mount did not land in the upper layer"), _ => Ext4, _ => true);

        var why = await Try(tester, StorageDriver.FuseOverlayfs);

        Assert.Equal("fuse-overlayfs mounted, but writing through it failed: a file written through the mount did not land in the upper layer", why);
    }

    [Fact]
    public async Task Native_overlay_over_overlayfs_is_refused_before_any_mount_as_containers_storage_does()
    {
        var tester = new MountStoreTester(FileSystem(), Fallback(), Unshare(0), _ => Overlayfs, _ => true);

        var why = await Try(tester, StorageDriver.Overlay);

        Assert.StartsWith("the storage root is on overlayfs, and native overlay does not work over overlayfs", why, StringComparison.Ordinal);
        Assert.Contains("emptyDir", why, StringComparison.Ordinal);
        Assert.False(TrialRan);
    }

    [Fact]
    public async Task Fuse_overlayfs_is_still_tried_over_overlayfs()
    {
        var tester = new MountStoreTester(FileSystem(), Fallback(), Unshare(0), _ => Overlayfs, _ => true);

        Assert.Null(await Try(tester, StorageDriver.FuseOverlayfs));
        Assert.True(TrialRan);
    }

    [Fact]
    public async Task A_file_system_without_d_type_rules_out_the_overlay_drivers()
    {
        var tester = new MountStoreTester(FileSystem(), Fallback(), Unshare(0), _ => Ext4, _ => false);

        Assert.Contains("(d_type)", await Try(tester, StorageDriver.Overlay), StringComparison.Ordinal);
        Assert.Contains("(d_type)", await Try(tester, StorageDriver.FuseOverlayfs), StringComparison.Ordinal);
        Assert.False(TrialRan);
    }

    [Fact]
    public async Task Vfs_needs_only_a_writable_store_and_starts_no_process()
    {
        var fs = FileSystem();
        var fallback = Fallback();
        var tester = new MountStoreTester(fs, fallback, Unshare(1), _ => Overlayfs, _ => false);

        Assert.Null(await Try(tester, StorageDriver.Vfs));
        Assert.True(fs.File.Exists(Store + "/probe"));
        Assert.False(TrialRan);
        await fallback.DidNotReceiveWithAnyArgs().TryAsync(default!, default);
    }

    [Fact]
    public async Task A_store_that_cannot_be_written_is_unusable_for_every_driver()
    {
        var fs = new MockFileSystem();
        var tester = new MountStoreTester(fs, Fallback(), Unshare(0), _ => Ext4, _ => true);

        Assert.StartsWith($"cannot write in {Store}: ", await Try(tester, StorageDriver.Vfs), StringComparison.Ordinal);
        Assert.StartsWith($"cannot write in {Store}: ", await Try(tester, StorageDriver.Overlay), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(126)]
    [InlineData(127)]
    public async Task When_the_trial_cannot_run_its_tools_buildah_is_asked_instead(int status)
    {
        var fallback = Fallback();
        var tester = new MountStoreTester(FileSystem(), fallback, Unshare(status, "sh: 1: mount: not found"), _ => Ext4, _ => true);

        Assert.Equal("buildah says no", await Try(tester, StorageDriver.Overlay));
        await fallback.Received(1).TryAsync(Configuration(StorageDriver.Overlay), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Without_util_linux_unshare_buildah_is_asked_instead()
    {
        var fallback = Fallback(answer: null);
        var tester = new MountStoreTester(FileSystem(), fallback, "/nonexistent/unshare", _ => Ext4, _ => true);

        Assert.Null(await Try(tester, StorageDriver.FuseOverlayfs));
        await fallback.Received(1).TryAsync(Configuration(StorageDriver.FuseOverlayfs), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Any_other_failure_is_what_the_trial_said()
    {
        var tester = new MountStoreTester(FileSystem(), Fallback(), Unshare(1, "unshare: unshare failed: Operation not permitted"), _ => Ext4, _ => true);

        Assert.Equal("unshare: unshare failed: Operation not permitted", await Try(tester, StorageDriver.Overlay));
    }
}
