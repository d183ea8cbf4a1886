using BuildRunner.Host;
using BuildRunner.Planning;
using BuildRunner.Storage;
using BuildRunner.Tests.Storage;

namespace BuildRunner.Tests.Planning;

/// <summary>When a verdict remembered in the storage root stands in for the storage step, and when it is probed again.</summary>
public class ProbeMemoPlannerTests
{
    private static readonly DateTimeOffset ProbedAt = new(2026, 11, 28, 11, 25, 1, TimeSpan.Zero);

    private static readonly StorageSelection Overlay = new(
        StorageDriver.Overlay,
        [new StorageCandidate(StorageDriver.Overlay, true, "mounted overlay"), new StorageCandidate(StorageDriver.FuseOverlayfs, false, "not tried", Probed: false)],
        "auto picked overlay: mounted overlay");

    // The memo a storage step on these facts would have written.
    private static ProbeMemo MemoFor(Facts facts, StorageSelection? selection = null) =>
        new(Planner.Plan(facts).ProbeKey!, selection ?? Overlay, ProbedAt);

    private static Facts WithMemo(Facts facts, ProbeMemo memo) => facts with { StorageMemo = memo };

    [Fact]
    public void A_memo_made_under_the_same_key_stands_in_for_the_storage_step()
    {
        var facts = PodFacts.Ready();

        var plan = Planner.Plan(WithMemo(facts, MemoFor(facts)));

        Assert.False(plan.NeedsStorageStep);
        Assert.Equal(new StorageConfiguration(StorageDriver.Overlay, PodFacts.GraphRoot, PodFacts.Work + "/run"), plan.Storage);
        Assert.Equal([BuildahStepKind.Build, BuildahStepKind.Push], plan.Steps.Select(s => s.Kind));
        Assert.Equal(ProbedAt, plan.Facts.Storage!.RememberedFrom);
        Assert.Equal(
            "auto picked overlay: mounted overlay (remembered from the probe at 2026-11-28 11:25:01Z: nothing it depends on has changed)",
            plan.Facts.Storage.Selection!.Explanation);
        Assert.Equal(Overlay.Candidates.ToArray(), plan.Facts.Storage.Selection.Candidates.ToArray());
        Assert.Equal("ready", plan.Verdict);
    }

    [Fact]
    public void A_remembered_fuse_overlayfs_verdict_keeps_its_mount_program()
    {
        var facts = PodFacts.Ready();
        var fuse = new StorageSelection(StorageDriver.FuseOverlayfs,
            [new StorageCandidate(StorageDriver.Overlay, false, "refused"), new StorageCandidate(StorageDriver.FuseOverlayfs, true, "mounted", MountProgram: "/usr/bin/fuse-overlayfs")],
            "auto picked fuse-overlayfs");

        var plan = Planner.Plan(WithMemo(facts, MemoFor(facts, fuse)));

        Assert.Equal(new StorageConfiguration(StorageDriver.FuseOverlayfs, PodFacts.GraphRoot, PodFacts.Work + "/run", "/usr/bin/fuse-overlayfs"), plan.Storage);
    }

    public static TheoryData<string> Changes =>
    [
        "driver asked for", "UID map", "user", "kernel", "storage file system", "fuse device", "fuse-overlayfs binary", "runner version",
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_memo_made_under_a_different_key_is_ignored_and_the_store_probed_again(string change)
    {
        var before = PodFacts.Ready();
        var now = change switch
        {
            "driver asked for" => PodFacts.Ready(settings: [("build-runner/storage-driver", "vfs")]),
            "UID map" => PodFacts.Ready(uidMap: "0 100000 32768\n"),
            "user" => PodFacts.Ready(uid: 1000),
            "kernel" => before with { StorageHost = PodFacts.Host with { KernelRelease = "6.12.0-1-amd64" } },
            "storage file system" => before with { StorageHost = PodFacts.Host with { FileSystemType = 0x794C7630 } },
            "fuse device" => before with { StorageHost = PodFacts.Host with { FuseDeviceProblem = "/dev/fuse is missing" } },
            "fuse-overlayfs binary" => before with { StorageHost = PodFacts.Host with { FuseOverlayfs = null } },
            "runner version" => before with { StorageHost = PodFacts.Host with { Runner = "0.2.0+def456" } },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        var plan = Planner.Plan(WithMemo(now, MemoFor(before)));

        Assert.True(plan.NeedsStorageStep);
        Assert.Null(plan.Facts.Storage);
        Assert.Null(plan.Storage);
        Assert.Empty(plan.Steps);
        Assert.NotEmpty(MemoFor(before).Key.Differences(plan.ProbeKey!));
    }

    [Fact]
    public void Before_the_storage_root_exists_its_file_system_is_unknown_and_no_memo_is_used()
    {
        var facts = PodFacts.Ready() with { StorageHost = PodFacts.Host with { FileSystemType = null } };

        var plan = Planner.Plan(WithMemo(facts, MemoFor(facts)));

        Assert.True(plan.NeedsStorageStep);
        Assert.Equal("unknown", plan.ProbeKey!.FileSystem);
    }

    [Fact]
    public void A_pod_whose_storage_step_may_not_run_does_not_use_a_memo_either()
    {
        var facts = PodFacts.Ready(effective: CapabilitySet.Of("SETUID", "SETGID", "SYS_CHROOT"));

        var plan = Planner.Plan(WithMemo(facts, MemoFor(facts)));

        Assert.False(plan.StorageStepAllowed);
        Assert.Null(plan.Facts.Storage);
        Assert.Equal("missing-capability", plan.Blocking!.Code);
    }

    [Fact]
    public void A_fresh_probe_wins_over_a_memo()
    {
        var facts = PodFacts.Ready();
        var probed = new StorageFacts(null, new StorageSelection(StorageDriver.Vfs, [new StorageCandidate(StorageDriver.Vfs, true, "wrote a file")], "using vfs"));

        var plan = Planner.Plan(WithMemo(facts, MemoFor(facts)) with { Storage = probed });

        Assert.Same(probed, plan.Facts.Storage);
        Assert.Equal(StorageDriver.Vfs, plan.Storage!.Driver);
    }

    [Fact]
    public void The_key_holds_what_decides_the_drivers()
    {
        var key = Planner.Plan(PodFacts.Ready()).ProbeKey!;

        Assert.Equal("0.1.0+abc123", key.Runner);
        Assert.Equal("6.1.0-18-amd64", key.Kernel);
        Assert.Equal("ext4 (0xef53)", key.FileSystem);
        Assert.Equal("0 100000 65536", key.UidMap);
        Assert.Equal("0 100000 65536", key.GidMap);
        Assert.Equal("0:0", key.User);
        Assert.StartsWith("root-of-user-namespace, buildah keeps ", key.Privileges, StringComparison.Ordinal);
        Assert.Equal("none", key.SubordinateIds);
        Assert.Equal("auto", key.Driver);
        Assert.Equal(
            "overlay: --storage-driver overlay --storage-opt overlay.mountopt=nodev; "
            + "fuse-overlayfs: --storage-driver overlay --storage-opt overlay.mount_program=/usr/bin/fuse-overlayfs; "
            + "vfs: --storage-driver vfs",
            key.DriverOptions);
        Assert.Equal("/usr/bin/fuse-overlayfs", key.FuseOverlayfs);
        Assert.Equal("usable", key.FuseDevice);
    }

    [Fact]
    public void A_non_root_pod_users_key_holds_the_subordinate_ranges_its_buildah_namespace_is_mapped_from()
    {
        var key = Planner.Plan(PodFacts.Ready(uid: 1000)).ProbeKey!;

        Assert.Equal("1000:1000", key.User);
        Assert.Equal("uids 1:999, 1001:64535; gids 1:999, 1001:64535", key.SubordinateIds);
    }
}
