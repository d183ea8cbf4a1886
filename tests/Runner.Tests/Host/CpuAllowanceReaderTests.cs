using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Host;

namespace BuildRunner.Tests.Host;

public class CpuAllowanceReaderTests
{
    private static MockFileSystem Files(params (string Path, string Text)[] files)
    {
        var fs = new MockFileSystem();
        foreach (var (path, text) in files)
        {
            fs.AddFile(path, new MockFileData(text));
        }
        return fs;
    }

    private const string Online = "/sys/devices/system/cpu/online";

    [Fact]
    public void A_cgroup_v2_quota_of_two_CPUs_gives_2_and_names_cpu_max()
    {
        var fs = Files(("/proc/self/cgroup", "0::/\n"), ("/sys/fs/cgroup/cgroup.controllers", "cpuset cpu memory"),
            ("/sys/fs/cgroup/cpu.max", "200000 100000\n"), (Online, "0-15\n"));

        var cpu = new CpuAllowanceReader(fs).Read();

        Assert.Equal(2, cpu.Count);
        Assert.Contains("/sys/fs/cgroup/cpu.max (200000 100000)", cpu.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("150000 100000", 2)]
    [InlineData("50000 100000", 1)]
    [InlineData("1000 100000", 1)]
    [InlineData("400000 100000", 4)]
    [InlineData("250001 100000", 3)]
    public void A_fractional_quota_is_rounded_up_and_at_least_1(string cpuMax, int expected)
    {
        var fs = Files(("/proc/self/cgroup", "0::/\n"), ("/sys/fs/cgroup/cgroup.controllers", ""), ("/sys/fs/cgroup/cpu.max", cpuMax), (Online, "0-15"));

        Assert.Equal(expected, new CpuAllowanceReader(fs).Read().Count);
    }

    [Fact]
    public void No_quota_and_no_cpuset_falls_back_to_the_CPUs_online()
    {
        var fs = Files(("/proc/self/cgroup", "0::/\n"), ("/sys/fs/cgroup/cgroup.controllers", ""), ("/sys/fs/cgroup/cpu.max", "max 100000\n"), (Online, "0-7\n"));

        var cpu = new CpuAllowanceReader(fs).Read();

        Assert.Equal(8, cpu.Count);
        Assert.Contains(Online, cpu.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cpuset_smaller_than_the_quota_wins()
    {
        var fs = Files(("/proc/self/cgroup", "0::/\n"), ("/sys/fs/cgroup/cgroup.controllers", ""),
            ("/sys/fs/cgroup/cpu.max", "800000 100000"), ("/sys/fs/cgroup/cpuset.cpus.effective", "2-3\n"), (Online, "0-15"));

        var cpu = new CpuAllowanceReader(fs).Read();

        Assert.Equal(2, cpu.Count);
        Assert.Contains("cpuset.cpus.effective (2-3)", cpu.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pod_level_limit_above_the_container_cgroup_counts()
    {
        // Without a cgroup namespace the process sees its full path; the pod's limit sits one level up.
        const string pod = "/sys/fs/cgroup/kubepods.slice/kubepods-pod1.slice";
        var fs = Files(("/proc/self/cgroup", "0::/kubepods.slice/kubepods-pod1.slice/cri-abc.scope\n"), ("/sys/fs/cgroup/cgroup.controllers", ""),
            (pod + "/cpu.max", "300000 100000"), (pod + "/cri-abc.scope/cpu.max", "max 100000"), (Online, "0-15"));

        var cpu = new CpuAllowanceReader(fs).Read();

        Assert.Equal(3, cpu.Count);
        Assert.Contains(pod + "/cpu.max", cpu.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_the_cgroup_namespace_hides_is_read_at_the_mount_root()
    {
        var fs = Files(("/proc/self/cgroup", "0::/kubepods/pod1/abc\n"), ("/sys/fs/cgroup/cgroup.controllers", ""),
            ("/sys/fs/cgroup/cpu.max", "100000 100000"), (Online, "0-3"));

        Assert.Equal(1, new CpuAllowanceReader(fs).Read().Count);
    }

    [Fact]
    public void A_cgroup_v1_quota_is_read_from_the_cpu_controller()
    {
        var fs = Files(("/proc/self/cgroup", "4:memory:/x\n3:cpuset:/\n2:cpu,cpuacct:/\n0::/\n"),
            ("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "250000\n"), ("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n"),
            ("/sys/fs/cgroup/cpuset/cpuset.cpus", "0-7\n"), (Online, "0-7"));

        var cpu = new CpuAllowanceReader(fs).Read();

        Assert.Equal(3, cpu.Count);
        Assert.Contains("cpu.cfs_quota_us (250000)", cpu.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hybrid_layout_without_a_v1_quota_takes_the_v1_cpuset()
    {
        // This machine's layout: v1 controllers, an empty v2 hierarchy at unified/, quota -1 (none).
        var fs = Files(("/proc/self/cgroup", "3:cpuset:/\n1:cpu:/\n0::/\n"), ("/sys/fs/cgroup/unified/cgroup.procs", ""),
            ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n"), ("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n"),
            ("/sys/fs/cgroup/cpuset/cpuset.cpus", "0-1\n"), (Online, "0-1"));

        var cpu = new CpuAllowanceReader(fs).Read();

        Assert.Equal(2, cpu.Count);
        Assert.Contains("/sys/fs/cgroup/cpuset/cpuset.cpus (0-1)", cpu.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_readable_gives_1()
    {
        Assert.Equal(CpuAllowance.Unknown, new CpuAllowanceReader(new MockFileSystem()).Read());
    }

    [Theory]
    [InlineData("0-3", 4)]
    [InlineData("0", 1)]
    [InlineData("0-1,4,6-7\n", 5)]
    [InlineData("", null)]
    [InlineData("3-1", null)]
    [InlineData("a", null)]
    public void Counts_kernel_cpu_lists(string list, int? expected)
    {
        Assert.Equal(expected, CpuAllowanceReader.CountList(list));
    }
}
