using BuildRunner.Host;
using BuildRunner.Identity;

namespace BuildRunner.Tests.Identity;

public class NewIdMapCheckTests
{
    // A pod like FIELD-NOTES' rootless case: user 1000, SETUID SETGID SETFCAP SYS_CHROOT, no SYS_ADMIN.
    private static readonly CapabilitySet PodBounding = CapabilitySet.Of("SETUID", "SETGID", "SETFCAP", "SYS_CHROOT");

    private static NewIdMapFacts Uid(
        bool exists = true,
        long? owner = 0,
        bool setUid = false,
        CapabilitySet? caps = null,
        bool noNewPrivs = false,
        CapabilitySet? effective = null,
        CapabilitySet? bounding = null,
        bool root = false) =>
        new("/usr/bin/newuidmap", false, exists, owner, setUid, caps, noNewPrivs,
            effective ?? CapabilitySet.None, bounding ?? PodBounding, root);

    private static NewIdMapFacts Gid(NewIdMapFacts uid, CapabilitySet? caps) =>
        uid with { Path = "/usr/bin/newgidmap", MapsGroups = true, FileCapabilities = caps };

    [Fact]
    public void File_capabilities_with_setuid_work()
    {
        var verdict = NewIdMapCheck.Evaluate(Uid(caps: CapabilitySet.Of("SETUID")));

        Assert.True(verdict.Usable);
        Assert.True(verdict.Needed);
        Assert.Null(verdict.Fix);
    }

    [Fact]
    public void A_file_capability_pair_works()
    {
        var uid = Uid(caps: CapabilitySet.Of("SETUID"));

        var verdict = NewIdMapCheck.Evaluate(uid, Gid(uid, CapabilitySet.Of("SETGID")));

        Assert.True(verdict.Usable);
    }

    [Fact]
    public void Newgidmap_needs_setgid_not_setuid()
    {
        var uid = Uid(caps: CapabilitySet.Of("SETUID"));

        var verdict = NewIdMapCheck.Evaluate(uid, Gid(uid, CapabilitySet.Of("SETUID")));

        Assert.False(verdict.Usable);
        Assert.Contains("newgidmap", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("write to gid_map failed", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setuid_only_pair_without_sys_admin_explains_the_silent_fallback_and_gives_the_setcap_fix()
    {
        var uid = Uid(setUid: true);

        var verdict = NewIdMapCheck.Evaluate(uid, Gid(uid, null));

        Assert.False(verdict.Usable);
        Assert.Contains("newuidmap: write to uid_map failed: Operation not permitted", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("newgidmap: write to gid_map failed: Operation not permitted", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("falls back to a single mapping", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("potentially insufficient UIDs or GIDs", verdict.Message, StringComparison.Ordinal);
        Assert.Equal(
            "give the binaries file capabilities in the image (chmod u-s /usr/bin/newuidmap /usr/bin/newgidmap && "
            + "setcap cap_setuid=ep /usr/bin/newuidmap && setcap cap_setgid=ep /usr/bin/newgidmap), "
            + "or run the build as root of the user namespace (runAsUser: 0 with hostUsers: false).",
            verdict.Fix);
    }

    [Fact]
    public void Setuid_root_works_when_sys_admin_is_in_the_bounding_set()
    {
        var verdict = NewIdMapCheck.Evaluate(Uid(setUid: true, bounding: PodBounding.Union(CapabilitySet.Of("SYS_ADMIN"))));

        Assert.True(verdict.Usable);
    }

    [Fact]
    public void Setuid_root_works_when_sys_admin_is_effective()
    {
        var verdict = NewIdMapCheck.Evaluate(Uid(setUid: true, effective: CapabilitySet.Of("SYS_ADMIN")));

        Assert.True(verdict.Usable);
    }

    [Fact]
    public void Setuid_owned_by_another_user_does_not_count()
    {
        var verdict = NewIdMapCheck.Evaluate(Uid(setUid: true, owner: 1000, bounding: CapabilitySet.Of("SYS_ADMIN")));

        Assert.False(verdict.Usable);
        Assert.Contains("not setuid-root", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("setcap cap_setuid=ep /usr/bin/newuidmap", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_setuid_nor_file_capabilities_is_unusable()
    {
        var verdict = NewIdMapCheck.Evaluate(Uid());

        Assert.False(verdict.Usable);
        Assert.Contains("no file capabilities", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("potentially insufficient UIDs or GIDs", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_new_privileges_defeats_file_capabilities()
    {
        var verdict = NewIdMapCheck.Evaluate(Uid(caps: CapabilitySet.Of("SETUID"), noNewPrivs: true));

        Assert.False(verdict.Usable);
        Assert.Contains("no-new-privileges", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("allowPrivilegeEscalation: true", verdict.Fix, StringComparison.Ordinal);
        Assert.Contains("runAsUser: 0 with hostUsers: false", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void No_new_privileges_defeats_setuid_root_even_with_sys_admin()
    {
        var verdict = NewIdMapCheck.Evaluate(Uid(setUid: true, noNewPrivs: true, bounding: CapabilitySet.Of("SYS_ADMIN")));

        Assert.False(verdict.Usable);
        Assert.Contains("allowPrivilegeEscalation: true", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_binary_asks_for_uidmap()
    {
        var verdict = NewIdMapCheck.Evaluate(Uid(exists: false, owner: null));

        Assert.False(verdict.Usable);
        Assert.Contains("/usr/bin/newuidmap does not exist", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("install uidmap", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void File_capabilities_outside_the_bounding_set_cannot_be_granted()
    {
        var verdict = NewIdMapCheck.Evaluate(Uid(caps: CapabilitySet.Of("SETUID"), bounding: CapabilitySet.Of("SETGID")));

        Assert.False(verdict.Usable);
        Assert.Contains("CAP_SETUID is not in the container's bounding set", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("add SETUID", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_of_the_namespace_does_not_need_the_tools()
    {
        var uid = Uid(exists: false, noNewPrivs: true, root: true);

        var verdict = NewIdMapCheck.Evaluate(uid, Gid(uid, null));

        Assert.True(verdict.Usable);
        Assert.False(verdict.Needed);
    }

    [Fact]
    public void Only_the_failing_tool_is_blamed()
    {
        var uid = Uid(caps: CapabilitySet.Of("SETUID"));

        var verdict = NewIdMapCheck.Evaluate(uid, Gid(uid, null) with { Exists = false });

        Assert.False(verdict.Usable);
        Assert.DoesNotContain("newuidmap is", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("newgidmap is not installed", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unusable_verdict_becomes_a_blocking_identity_problem()
    {
        var problem = NewIdMapCheck.Evaluate(Uid()).Problem!;

        Assert.True(problem.Blocking);
        Assert.Equal(ExitCodes.IdentityUnusable, problem.ExitCode);
        Assert.Equal("newidmap-unusable", problem.Code);
    }
}
