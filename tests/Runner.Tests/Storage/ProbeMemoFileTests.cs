using System.Collections.Immutable;
using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Storage;

namespace BuildRunner.Tests.Storage;

public class ProbeMemoFileTests
{
    private const string GraphRoot = "/var/lib/containers/storage";
    private const string MemoPath = GraphRoot + "/build-runner-probe.json";

    private static readonly ProbeMemoKey Key = new(
        "0.1.0+abc123", "6.1.0-18-amd64", "ext4 (0xef53)", "0 100000 65536", "0 100000 65536", "0:0",
        "root-of-user-namespace, buildah keeps CAP_SETGID,CAP_SETUID", "none", "auto",
        "overlay: --storage-driver overlay --storage-opt overlay.mountopt=nodev", "/usr/bin/fuse-overlayfs", "usable");

    private static readonly StorageSelection FuseSelection = new(
        StorageDriver.FuseOverlayfs,
        [
            new StorageCandidate(StorageDriver.Overlay, false, "mounting overlay in a user namespace was refused: mount: wrong fs type"),
            new StorageCandidate(StorageDriver.FuseOverlayfs, true, "mounted fuse-overlayfs", MountProgram: "/usr/bin/fuse-overlayfs"),
            new StorageCandidate(StorageDriver.Vfs, false, "not tried: fuse-overlayfs works and comes first", Probed: false),
        ],
        "auto picked fuse-overlayfs: overlay does not work");

    private static readonly ProbeMemo Memo = new(Key, FuseSelection, new DateTimeOffset(2026, 11, 28, 11, 25, 1, TimeSpan.Zero));

    private static MockFileSystem Store()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory(GraphRoot);
        return fs;
    }

    [Fact]
    public void A_memo_written_is_read_back_with_its_key_verdict_candidates_and_time()
    {
        var fs = Store();
        var file = new ProbeMemoFile(fs);

        Assert.Null(file.TryWrite(GraphRoot, Memo));
        var read = file.Read(GraphRoot);

        Assert.NotNull(read);
        Assert.Equal(Key, read.Key);
        Assert.Equal(Memo.ProbedAt, read.ProbedAt);
        Assert.Equal(StorageDriver.FuseOverlayfs, read.Selection.Selected);
        Assert.Equal(FuseSelection.Explanation, read.Selection.Explanation);
        Assert.Equal(FuseSelection.Candidates.ToArray(), read.Selection.Candidates.ToArray());
    }

    [Fact]
    public void The_file_is_in_the_graph_root_and_names_drivers_as_settings_do()
    {
        var fs = Store();

        new ProbeMemoFile(fs).TryWrite(GraphRoot, Memo);

        var text = fs.File.ReadAllText(MemoPath);
        Assert.Contains("\"selected\": \"fuse-overlayfs\"", text, StringComparison.Ordinal);
        Assert.Contains("\"kernel\": \"6.1.0-18-amd64\"", text, StringComparison.Ordinal);
        Assert.Equal([MemoPath], fs.Directory.GetFiles(GraphRoot));
    }

    [Fact]
    public void Writing_again_replaces_the_old_memo_and_leaves_no_temporary_file()
    {
        var fs = Store();
        var file = new ProbeMemoFile(fs);
        file.TryWrite(GraphRoot, Memo);

        Assert.Null(file.TryWrite(GraphRoot, Memo with { Key = Key with { Driver = "vfs" } }));

        Assert.Equal("vfs", file.Read(GraphRoot)!.Key.Driver);
        Assert.Equal([MemoPath], fs.Directory.GetFiles(GraphRoot));
    }

    [Fact]
    public void A_storage_root_that_cannot_be_written_gives_a_reason_instead_of_an_exception()
    {
        var fs = new MockFileSystem();

        var why = new ProbeMemoFile(fs).TryWrite("/no/such/root", Memo);

        Assert.False(string.IsNullOrWhiteSpace(why));
        Assert.False(fs.Directory.Exists("/no/such/root"));
    }

    [Fact]
    public void No_file_means_no_memo() => Assert.Null(new ProbeMemoFile(Store()).Read(GraphRoot));

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"key\": null, \"selection\": null, \"probedAt\": \"2026-11-28T11:25:01Z\"}")]
    public void A_garbled_memo_is_no_memo(string text)
    {
        var fs = Store();
        fs.File.WriteAllText(MemoPath, text);

        Assert.Null(new ProbeMemoFile(fs).Read(GraphRoot));
    }

    [Fact]
    public void A_memo_missing_one_key_field_is_no_memo()
    {
        var fs = Store();
        var file = new ProbeMemoFile(fs);
        file.TryWrite(GraphRoot, Memo);
        fs.File.WriteAllText(MemoPath, fs.File.ReadAllText(MemoPath).Replace("\"kernel\": \"6.1.0-18-amd64\",", "", StringComparison.Ordinal));

        Assert.Null(file.Read(GraphRoot));
    }

    [Fact]
    public void A_verdict_that_chose_no_driver_is_not_used()
    {
        var fs = Store();
        var file = new ProbeMemoFile(fs);
        ImmutableArray<StorageCandidate> none = [new StorageCandidate(StorageDriver.Overlay, false, "refused")];
        file.TryWrite(GraphRoot, Memo with { Selection = new StorageSelection(null, none, "no storage driver works here") });

        Assert.Null(file.Read(GraphRoot));
    }

    [Fact]
    public void A_verdict_whose_chosen_driver_is_not_a_usable_candidate_is_not_used()
    {
        var fs = Store();
        var file = new ProbeMemoFile(fs);
        file.TryWrite(GraphRoot, Memo with { Selection = FuseSelection with { Selected = StorageDriver.Vfs } });

        Assert.Null(file.Read(GraphRoot));
    }

    [Fact]
    public void Differences_name_each_field_that_changed()
    {
        var changed = Key with { Driver = "vfs", UidMap = "0 100000 4096" };

        Assert.Equal(["UID map", "storage driver"], Key.Differences(changed));
        Assert.Empty(Key.Differences(Key with { }));
    }
}
