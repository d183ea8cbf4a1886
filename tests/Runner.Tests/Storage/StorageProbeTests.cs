using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Storage;
using NSubstitute;

namespace BuildRunner.Tests.Storage;

public class StorageProbeTests
{
    private const string GraphRoot = "/var/lib/containers/storage";
    private const string RunRoot = "/run/containers/storage";
    private const string OverlayFailure = "mount overlay: invalid argument (overlay over overlayfs)";
    private const string FuseFailure = "fuse: device not found";

    // The probe looks for fuse-overlayfs on the real PATH, in the (mock) file system; put it in the first directory the probe searches.
    private static readonly string FuseBinary =
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('/')
        + "/fuse-overlayfs";

    private static MockFileSystem FileSystem(bool fuseDevice = true, bool fuseBinary = true)
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory(GraphRoot);
        fs.Directory.CreateDirectory(RunRoot);
        if (fuseDevice)
        {
            fs.AddFile("/dev/fuse", new MockFileData(""));
        }
        if (fuseBinary)
        {
            fs.AddFile(FuseBinary, new MockFileData("\x7fELF"));
        }
        return fs;
    }

    /// <summary>A tester for which each driver works unless <paramref name="failures"/> says why not.</summary>
    private static IStoreTester Tester(params (StorageDriver Driver, string Why)[] failures)
    {
        var tester = Substitute.For<IStoreTester>();
        tester.TryAsync(Arg.Any<StorageConfiguration>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                var driver = call.Arg<StorageConfiguration>().Driver;
                var failure = failures.Where(f => f.Driver == driver).Select(f => f.Why).FirstOrDefault();
                return Task.FromResult(failure);
            });
        return tester;
    }

    private static Task<StorageSelection> Select(MockFileSystem fs, IStoreTester tester, StorageDriver? wanted = null, bool probeAll = false) =>
        new StorageProbe(fs, tester).SelectAsync(wanted, GraphRoot, RunRoot, probeAll, CancellationToken.None);

    private static IEnumerable<StorageDriver> TriedDrivers(IStoreTester tester) =>
        tester.ReceivedCalls().Select(c => ((StorageConfiguration)c.GetArguments()[0]!).Driver);

    [Fact]
    public void Auto_tries_overlay_then_fuse_overlayfs_then_vfs()
    {
        Assert.Equal([StorageDriver.Overlay, StorageDriver.FuseOverlayfs, StorageDriver.Vfs], StorageDriverNames.AutoOrder);
    }

    [Fact]
    public async Task Auto_takes_overlay_when_it_works_and_does_not_try_the_others()
    {
        var tester = Tester();

        var selection = await Select(FileSystem(), tester);

        Assert.Equal(StorageDriver.Overlay, selection.Selected);
        Assert.Equal([StorageDriver.Overlay], TriedDrivers(tester));
        Assert.Equal([true, false, false], selection.Candidates.Select(c => c.Probed));
        Assert.All(selection.Candidates.Skip(1), c =>
        {
            Assert.False(c.Usable);
            Assert.Equal("not tried: overlay works and comes first", c.Reason);
        });
        Assert.StartsWith("auto picked overlay: mounted overlay on a scratch store under /var/lib/containers/storage and wrote a file through the mount", selection.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_falls_back_to_fuse_overlayfs_when_overlay_fails()
    {
        var tester = Tester((StorageDriver.Overlay, OverlayFailure));

        var selection = await Select(FileSystem(), tester);

        Assert.Equal(StorageDriver.FuseOverlayfs, selection.Selected);
        Assert.Equal([StorageDriver.Overlay, StorageDriver.FuseOverlayfs], TriedDrivers(tester));
        Assert.Equal([true, true, false], selection.Candidates.Select(c => c.Probed));
        Assert.Equal(FuseBinary, selection.Candidates[1].MountProgram);
        Assert.StartsWith($"auto picked fuse-overlayfs: overlay does not work ({OverlayFailure}); ", selection.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_picks_vfs_last_and_says_why_the_others_did_not_work()
    {
        var tester = Tester((StorageDriver.Overlay, OverlayFailure), (StorageDriver.FuseOverlayfs, FuseFailure));

        var selection = await Select(FileSystem(), tester);

        Assert.Equal(StorageDriver.Vfs, selection.Selected);
        Assert.Equal([StorageDriver.Overlay, StorageDriver.FuseOverlayfs, StorageDriver.Vfs], TriedDrivers(tester));
        Assert.Equal([false, false, true], selection.Candidates.Select(c => c.Usable));
        Assert.All(selection.Candidates, c => Assert.True(c.Probed));
        Assert.StartsWith(
            $"auto picked vfs: overlay does not work ({OverlayFailure}); fuse-overlayfs does not work ({FuseFailure}); wrote a file in a scratch store under {GraphRoot}",
            selection.Explanation,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_nothing_works_there_is_no_selection_and_every_reason_is_given()
    {
        var tester = Tester((StorageDriver.Overlay, OverlayFailure), (StorageDriver.FuseOverlayfs, FuseFailure), (StorageDriver.Vfs, "read-only file system"));

        var selection = await Select(FileSystem(), tester);

        Assert.Null(selection.Selected);
        Assert.Equal(
            $"no storage driver works here: overlay: {OverlayFailure}; fuse-overlayfs: {FuseFailure}; vfs: read-only file system",
            selection.Explanation);
    }

    [Fact]
    public async Task Probe_all_tries_every_driver_even_after_one_works()
    {
        var tester = Tester((StorageDriver.FuseOverlayfs, FuseFailure));

        var selection = await Select(FileSystem(), tester, probeAll: true);

        Assert.Equal(StorageDriver.Overlay, selection.Selected);
        Assert.Equal([StorageDriver.Overlay, StorageDriver.FuseOverlayfs, StorageDriver.Vfs], TriedDrivers(tester));
        Assert.All(selection.Candidates, c => Assert.True(c.Probed));
        Assert.Equal([true, false, true], selection.Candidates.Select(c => c.Usable));
    }

    [Theory]
    [InlineData(StorageDriver.Overlay)]
    [InlineData(StorageDriver.FuseOverlayfs)]
    [InlineData(StorageDriver.Vfs)]
    public async Task An_explicit_driver_is_the_only_one_tried(StorageDriver driver)
    {
        var tester = Tester();

        var selection = await Select(FileSystem(), tester, driver);

        Assert.Equal(driver, selection.Selected);
        Assert.Equal([driver], TriedDrivers(tester));
        Assert.Equal(driver, Assert.Single(selection.Candidates).Driver);
        Assert.StartsWith($"using {driver.ToName()} as asked: ", selection.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explicit_driver_that_fails_is_not_replaced_by_another()
    {
        var tester = Tester((StorageDriver.Overlay, OverlayFailure));

        var selection = await Select(FileSystem(), tester, StorageDriver.Overlay, probeAll: true);

        Assert.Null(selection.Selected);
        Assert.Equal([StorageDriver.Overlay], TriedDrivers(tester));
        Assert.Equal($"no storage driver works here: overlay: {OverlayFailure}", selection.Explanation);
    }

    [Fact]
    public async Task Fuse_overlayfs_is_unusable_without_the_binary_on_PATH()
    {
        var tester = Tester((StorageDriver.Overlay, OverlayFailure));

        var selection = await Select(FileSystem(fuseBinary: false), tester);

        var fuse = selection.Candidates[1];
        Assert.False(fuse.Usable);
        Assert.Equal("fuse-overlayfs is not installed (no fuse-overlayfs on PATH)", fuse.Reason);
        Assert.Equal([StorageDriver.Overlay, StorageDriver.Vfs], TriedDrivers(tester));
        Assert.Equal(StorageDriver.Vfs, selection.Selected);
        Assert.Contains("fuse-overlayfs does not work (fuse-overlayfs is not installed", selection.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fuse_overlayfs_is_unusable_without_dev_fuse()
    {
        var tester = Tester();

        var selection = await Select(FileSystem(fuseDevice: false), tester, StorageDriver.FuseOverlayfs);

        var fuse = Assert.Single(selection.Candidates);
        Assert.False(fuse.Usable);
        Assert.StartsWith("/dev/fuse is missing", fuse.Reason, StringComparison.Ordinal);
        Assert.Contains("io.kubernetes.cri-o.Devices", fuse.Reason, StringComparison.Ordinal);
        Assert.Empty(TriedDrivers(tester));
        Assert.Null(selection.Selected);
    }

    [Fact]
    public async Task Fuse_overlayfs_is_unusable_when_dev_fuse_cannot_be_opened()
    {
        var fs = FileSystem(fuseDevice: false);
        fs.AddFile("/dev/fuse", new MockFileData("") { Attributes = FileAttributes.ReadOnly });

        var selection = await Select(fs, Tester(), StorageDriver.FuseOverlayfs);

        var fuse = Assert.Single(selection.Candidates);
        Assert.False(fuse.Usable);
        Assert.StartsWith("/dev/fuse cannot be opened", fuse.Reason, StringComparison.Ordinal);
        Assert.Contains("0666", fuse.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_driver_is_tried_in_a_scratch_store_inside_the_graph_root_which_is_removed_afterwards()
    {
        var tester = Tester((StorageDriver.Overlay, OverlayFailure), (StorageDriver.FuseOverlayfs, FuseFailure));
        var fs = FileSystem();
        var seen = new List<StorageConfiguration>();
        tester.When(t => t.TryAsync(Arg.Any<StorageConfiguration>(), Arg.Any<CancellationToken>()))
            .Do(call =>
            {
                var configuration = call.Arg<StorageConfiguration>();
                Assert.True(fs.Directory.Exists(configuration.GraphRoot));
                seen.Add(configuration);
            });

        await Select(fs, tester);

        Assert.Equal(
            [
                new StorageConfiguration(StorageDriver.Overlay, GraphRoot + "/build-runner-probe/overlay", RunRoot + "/build-runner-probe-overlay"),
                new StorageConfiguration(StorageDriver.FuseOverlayfs, GraphRoot + "/build-runner-probe/fuse-overlayfs", RunRoot + "/build-runner-probe-fuse-overlayfs", FuseBinary),
                new StorageConfiguration(StorageDriver.Vfs, GraphRoot + "/build-runner-probe/vfs", RunRoot + "/build-runner-probe-vfs"),
            ],
            seen);
        Assert.False(fs.Directory.Exists(GraphRoot + "/" + StorageProbe.ScratchFolder));
        Assert.True(fs.Directory.Exists(GraphRoot));
    }

    [Fact]
    public async Task The_cancellation_token_reaches_the_tester()
    {
        var tester = Tester();
        using var source = new CancellationTokenSource();

        await new StorageProbe(FileSystem(), tester).SelectAsync(StorageDriver.Vfs, GraphRoot, RunRoot, false, source.Token);

        await tester.Received(1).TryAsync(Arg.Any<StorageConfiguration>(), source.Token);
    }

    [Theory]
    [InlineData("overlay", StorageDriver.Overlay)]
    [InlineData("fuse-overlayfs", StorageDriver.FuseOverlayfs)]
    [InlineData("vfs", StorageDriver.Vfs)]
    public void Driver_names_parse_and_print_back(string name, StorageDriver driver)
    {
        Assert.Equal(driver, StorageDriverNames.Parse(name));
        Assert.Equal(name, driver.ToName());
    }

    [Fact]
    public void Auto_parses_as_no_driver_and_anything_else_is_refused()
    {
        Assert.Null(StorageDriverNames.Parse("auto"));
        Assert.Throws<ArgumentOutOfRangeException>(() => StorageDriverNames.Parse("btrfs"));
    }
}
