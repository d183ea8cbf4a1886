using BuildRunner.Host;

namespace BuildRunner.Tests.Host;

public class NetworkNamespaceLauncherTests
{
    [Fact]
    public void The_nested_map_maps_every_ID_the_pod_maps_onto_itself()
    {
        Assert.Equal("0 0 65536\n", NetworkNamespaceLauncher.NestedMap(IdMap.Parse("0 100000 65536")));
        Assert.Equal("0 0 1\n1 1 999\n1000 1000 64536\n", NetworkNamespaceLauncher.NestedMap(IdMap.Parse("0 200000 1\n1 300001 999\n1000 400000 64536")));
    }

    [Fact]
    public void The_unshare_tool_makes_a_user_and_a_network_namespace_and_runs_the_runner_waiting_with_the_pods_capabilities()
    {
        var launcher = new NetworkNamespaceLauncher("/usr/bin/build-runner", IdMap.Parse("0 100000 65536"), IdMap.Parse("0 100000 65536"));

        var args = launcher.Arguments(CapabilitySet.Of("SETUID", "SETGID", "SETFCAP", "SYS_CHROOT"), ["buildah", "bud", "/ctx"]);

        Assert.Equal(["--user", "--net", "--", "/usr/bin/build-runner", "hermetic-exec", "wait", "800400c0", "--", "buildah", "bud", "/ctx"], args.AsEnumerable());
    }

    [Fact]
    public void Reads_the_interfaces_of_a_network_namespace()
    {
        const string netDev = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
              eth0:    1234      10    0    0    0     0          0         0     5678      20    0    0    0     0       0          0
            """;

        Assert.Equal(["eth0", "lo"], NetworkNamespaceLauncher.InterfacesOf(netDev).AsEnumerable());
    }
}
