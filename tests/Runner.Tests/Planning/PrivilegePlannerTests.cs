using BuildRunner.Host;
using BuildRunner.Planning;
using BuildRunner.Tests.Host;

namespace BuildRunner.Tests.Planning;

public class PrivilegePlannerTests
{
    private const string NodeMap = "         0          0 4294967295\n";
    private const string PodMap = "         0     100000      65536\n";

    private static readonly CapabilitySet Full = CapabilitySet.ParseHex(ProcStatus.Full);

    // CRI-O's default capabilities: no SETFCAP, no SYS_CHROOT.
    private static readonly CapabilitySet CriODefault = CapabilitySet.Of(
        "CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "SETGID", "SETUID", "SETPCAP", "NET_BIND_SERVICE", "KILL");

    private static HostFacts Facts(string uidMap, long euid, CapabilitySet effective, CapabilitySet bounding) =>
        new(
            new UserNamespace(IdMap.Parse(uidMap), IdMap.Parse(uidMap)),
            ProcessCredentials.Parse(ProcStatus.Text(uid: euid, gid: euid, capEff: effective.ToHex(), capBnd: bounding.ToHex())));

    private static HostFacts Facts(string uidMap, long euid) => Facts(uidMap, euid, euid == 0 ? Full : CapabilitySet.None, Full);

    [Fact]
    public void Root_in_the_identity_map_is_node_root()
    {
        var plan = PrivilegePlanner.Plan(Facts(NodeMap, 0), request: null);

        Assert.Equal(IdentityMode.NodeRoot, plan.Mode);
        Assert.Equal("node-root", plan.Mode.ToName());
    }

    [Fact]
    public void Root_in_a_pod_user_namespace_is_root_of_the_user_namespace()
    {
        var plan = PrivilegePlanner.Plan(Facts(PodMap, 0), request: null);

        Assert.Equal(IdentityMode.RootOfUserNamespace, plan.Mode);
        Assert.Equal("root-of-user-namespace", plan.Mode.ToName());
        Assert.Empty(plan.Problems);
    }

    [Theory]
    [InlineData(PodMap)]
    [InlineData(NodeMap)]
    public void A_process_with_uid_1000_is_a_non_root_user_wherever_it_runs(string uidMap)
    {
        var plan = PrivilegePlanner.Plan(Facts(uidMap, 1000), request: null);

        Assert.Equal(IdentityMode.NonRootUser, plan.Mode);
        Assert.Equal("non-root-user", plan.Mode.ToName());
    }

    [Theory]
    [InlineData(NodeMap)]
    [InlineData(PodMap)]
    public void Root_with_the_full_bounding_set_drops_everything_but_the_four_it_needs(string uidMap)
    {
        var plan = PrivilegePlanner.Plan(Facts(uidMap, 0), request: null);

        Assert.Equal(["CAP_SETGID", "CAP_SETUID", "CAP_SYS_CHROOT", "CAP_SETFCAP"], plan.Required.Names());
        Assert.Equal(PrivilegePlanner.RootRequired, plan.Keep);
        Assert.True(plan.Missing.IsEmpty);
        Assert.Equal(Full.Except(PrivilegePlanner.RootRequired), plan.Dropped);
        foreach (var dropped in new[] { "SYS_ADMIN", "NET_ADMIN", "NET_RAW", "MKNOD" })
        {
            Assert.True(plan.Dropped.Contains(dropped), dropped);
        }
        foreach (var kept in new[] { "SETUID", "SETGID", "SETFCAP", "SYS_CHROOT" })
        {
            Assert.False(plan.Dropped.Contains(kept), kept);
        }
        Assert.Equal(Full.Names().Count - 4, plan.Dropped.Names().Count);
    }

    [Theory]
    [InlineData("SETUID")]
    [InlineData("SETGID")]
    [InlineData("SETFCAP")]
    [InlineData("SYS_CHROOT")]
    public void Each_missing_root_capability_is_a_blocking_problem_naming_it_with_a_security_context(string name)
    {
        var without = Full.Except(CapabilitySet.Of(name));

        var plan = PrivilegePlanner.Plan(Facts(PodMap, 0, without, without), request: null);

        Assert.Equal(CapabilitySet.Of(name), plan.Missing);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal("missing-capability", problem.Code);
        Assert.True(problem.Blocking);
        Assert.Equal(ExitCodes.MissingCapability, problem.ExitCode);
        Assert.Contains("CAP_" + name, problem.Message, StringComparison.Ordinal);
        Assert.Contains("effective set", problem.Message, StringComparison.Ordinal);
        Assert.Contains("securityContext: { capabilities: { drop: [ALL], add: [SETGID, SETUID, SYS_CHROOT, SETFCAP] } }", problem.Fix, StringComparison.Ordinal);
        var failure = problem.ToException();
        Assert.Equal(ExitCodes.MissingCapability, failure.ExitCode);
        Assert.Equal("missing-capability", failure.Code);
        Assert.Equal(problem.Fix, failure.Fix);
    }

    [Fact]
    public void CRI_O_default_capabilities_miss_setfcap_and_sys_chroot_and_say_why()
    {
        var plan = PrivilegePlanner.Plan(Facts(PodMap, 0, CriODefault, CriODefault), request: null);

        Assert.Equal(CapabilitySet.Of("SETFCAP", "SYS_CHROOT"), plan.Missing);
        var problem = Assert.Single(plan.Problems);
        Assert.Contains("CAP_SYS_CHROOT, CAP_SETFCAP", problem.Message, StringComparison.Ordinal);
        Assert.Contains("chroot", problem.Message, StringComparison.Ordinal);
        Assert.Contains("map root", problem.Message, StringComparison.Ordinal);
        Assert.Equal(CriODefault.Except(PrivilegePlanner.RootRequired), plan.Dropped);
    }

    [Fact]
    public void Root_is_judged_by_its_effective_set_not_its_bounding_set()
    {
        var plan = PrivilegePlanner.Plan(Facts(PodMap, 0, CapabilitySet.None, Full), request: null);

        Assert.Equal(PrivilegePlanner.RootRequired, plan.Missing);
    }

    [Fact]
    public void A_non_root_user_needs_setuid_setgid_and_sys_chroot_in_the_bounding_set_and_keeps_it_as_it_is()
    {
        var plan = PrivilegePlanner.Plan(Facts(PodMap, 1000, CapabilitySet.None, CapabilitySet.Of("SETUID", "SETGID", "SYS_CHROOT")), request: null);

        Assert.Equal(PrivilegePlanner.NonRootRequired, plan.Required);
        Assert.True(plan.Missing.IsEmpty);
        Assert.Null(plan.Keep);
        Assert.True(plan.Dropped.IsEmpty);
        Assert.Empty(plan.Problems);
    }

    [Theory]
    [InlineData("SETUID")]
    [InlineData("SETGID")]
    [InlineData("SYS_CHROOT")]
    public void A_non_root_user_without_a_bounding_capability_is_blocked_naming_it(string name)
    {
        var bounding = CapabilitySet.Of("SETUID", "SETGID", "SYS_CHROOT").Except(CapabilitySet.Of(name));

        var plan = PrivilegePlanner.Plan(Facts(PodMap, 1000, CapabilitySet.None, bounding), request: null);

        Assert.Equal(CapabilitySet.Of(name), plan.Missing);
        var problem = Assert.Single(plan.Problems);
        Assert.True(problem.Blocking);
        Assert.Equal(ExitCodes.MissingCapability, problem.ExitCode);
        Assert.Contains("bounding set", problem.Message, StringComparison.Ordinal);
        Assert.Contains("CAP_" + name, problem.Message, StringComparison.Ordinal);
        Assert.Contains("add: [SETGID, SETUID, SYS_CHROOT]", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_root_without_a_request_works_but_is_warned_about()
    {
        var plan = PrivilegePlanner.Plan(Facts(NodeMap, 0), request: null);

        var problem = Assert.Single(plan.Problems);
        Assert.Equal("root-on-node", problem.Code);
        Assert.False(problem.Blocking);
        Assert.Contains("hostUsers: false", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CRI_O_user_namespace_annotation_outside_a_user_namespace_blocks_with_exit_4()
    {
        var request = UserNamespaceRequest.From(
            new Dictionary<string, string> { [UserNamespaceRequest.CriOAnnotation] = "auto:size=65536" }, required: false);

        var plan = PrivilegePlanner.Plan(Facts(NodeMap, 0), request);

        var problem = Assert.Single(plan.Problems);
        Assert.Equal("user-namespace-missing", problem.Code);
        Assert.True(problem.Blocking);
        Assert.Equal(ExitCodes.UserNamespaceRequired, problem.ExitCode);
        Assert.Contains("io.kubernetes.cri-o.userns-mode: \"auto:size=65536\"", problem.Message, StringComparison.Ordinal);
        Assert.Contains("node's own user namespace", problem.Message, StringComparison.Ordinal);
        Assert.Contains("hostUsers: false", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_smaller_than_asked_for_blocks_with_exit_4()
    {
        var request = new UserNamespaceRequest("the pod annotation", 65536);

        var plan = PrivilegePlanner.Plan(Facts("0 100000 1024", 0), request);

        var problem = Assert.Single(plan.Problems);
        Assert.Equal("user-namespace-too-small", problem.Code);
        Assert.True(problem.Blocking);
        Assert.Equal(ExitCodes.UserNamespaceRequired, problem.ExitCode);
        Assert.Contains("at least 65536 IDs", problem.Message, StringComparison.Ordinal);
        Assert.Contains("mapping 1024 IDs", problem.Message, StringComparison.Ordinal);
        Assert.Contains("auto:size=65536", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_as_large_as_asked_for_passes()
    {
        var plan = PrivilegePlanner.Plan(Facts(PodMap, 0), new UserNamespaceRequest("the pod annotation", 65536));

        Assert.Empty(plan.Problems);
    }

    [Fact]
    public void A_user_namespace_whose_root_is_node_root_blocks()
    {
        var plan = PrivilegePlanner.Plan(Facts("0 0 65536", 0), new UserNamespaceRequest("build-runner/require-user-namespace: \"true\"", 0));

        var problem = Assert.Single(plan.Problems);
        Assert.Equal("user-namespace-root-is-node-root", problem.Code);
        Assert.True(problem.Blocking);
        Assert.Equal(ExitCodes.UserNamespaceRequired, problem.ExitCode);
        Assert.Contains("node UID 0", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_namespace_where_root_is_unmapped_blocks()
    {
        var plan = PrivilegePlanner.Plan(Facts("1000 100000 65536", 1000), new UserNamespaceRequest("asked", 0));

        var problem = Assert.Single(plan.Problems);
        Assert.Equal("user-namespace-root-is-node-root", problem.Code);
        Assert.Contains("(unmapped)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocking_problems_come_before_warnings_and_each_is_reported()
    {
        var without = Full.Except(CapabilitySet.Of("SETFCAP"));

        var plan = PrivilegePlanner.Plan(Facts("0 0 1024", 0, without, without), new UserNamespaceRequest("asked", 65536));

        Assert.Equal(["user-namespace-root-is-node-root", "user-namespace-too-small", "missing-capability"], plan.Problems.Select(p => p.Code));
        Assert.All(plan.Problems, p => Assert.True(p.Blocking));
    }

    [Fact]
    public void Node_root_with_a_request_gets_the_blocking_problem_not_the_warning()
    {
        var plan = PrivilegePlanner.Plan(Facts(NodeMap, 0), new UserNamespaceRequest("asked", 0));

        Assert.Equal(["user-namespace-missing"], plan.Problems.Select(p => p.Code));
    }

    [Fact]
    public void Extra_capabilities_without_SETPCAP_to_drop_them_block_the_build_with_the_exact_set_as_the_fix()
    {
        var given = CapabilitySet.Of("SETUID", "SETGID", "SETFCAP", "SYS_CHROOT", "NET_RAW");

        var plan = PrivilegePlanner.Plan(Facts("0 100000 65536", 0, given, given), request: null);

        var problem = Assert.Single(plan.Problems, p => p.Code == "cannot-drop-capability");
        Assert.True(problem.Blocking);
        Assert.Equal(ExitCodes.MissingCapability, problem.ExitCode);
        Assert.Contains("CAP_NET_RAW", problem.Message, StringComparison.Ordinal);
        Assert.Contains("drop: [ALL]", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_the_required_set_needs_nothing_dropped_and_no_SETPCAP()
    {
        var given = CapabilitySet.Of("SETUID", "SETGID", "SETFCAP", "SYS_CHROOT");

        var plan = PrivilegePlanner.Plan(Facts("0 100000 65536", 0, given, given), request: null);

        Assert.True(plan.Dropped.IsEmpty);
        Assert.Empty(plan.Problems);
    }
}
