using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Host;

namespace BuildRunner.Tests.Host;

public class HostProbeTests
{
    private static MockFileSystem Proc(string uidMap, string gidMap, string status, string folder = "/proc/self") =>
        new(new Dictionary<string, MockFileData>
        {
            [folder + "/uid_map"] = new(uidMap),
            [folder + "/gid_map"] = new(gidMap),
            [folder + "/status"] = new(status),
        });

    [Fact]
    public void Reads_a_pod_in_a_user_namespace()
    {
        var fs = Proc("         0     100000      65536\n", "         0     100000      65536\n", ProcStatus.Text());

        var facts = new HostProbe(fs).Read();

        Assert.True(facts.UserNamespace.InUserNamespace);
        Assert.Equal(100000, facts.UserNamespace.HostUidOfRoot);
        Assert.Equal(65536, facts.UserNamespace.Size);
        Assert.Equal(IdMap.Parse("0 100000 65536"), facts.UserNamespace.GidMap);
        Assert.Equal(0, facts.Credentials.EffectiveUid);
        Assert.Equal(CapabilitySet.ParseHex(ProcStatus.Full), facts.Credentials.Effective);
    }

    [Fact]
    public void Reads_a_process_in_the_initial_namespace()
    {
        var fs = Proc("         0          0 4294967295\n", "         0          0 4294967295\n", ProcStatus.Text(uid: 1000, capEff: ProcStatus.Empty));

        var facts = new HostProbe(fs).Read();

        Assert.False(facts.UserNamespace.InUserNamespace);
        Assert.Equal(0, facts.UserNamespace.HostUidOfRoot);
        Assert.Equal(1000, facts.Credentials.EffectiveUid);
    }

    [Fact]
    public void Reads_from_another_proc_folder_when_told()
    {
        var fs = Proc("0 200000 65536", "0 200000 65536", ProcStatus.Text(), "/host/proc/42");

        var facts = new HostProbe(fs, "/host/proc/42").Read();

        Assert.Equal(200000, facts.UserNamespace.HostUidOfRoot);
    }

    [Theory]
    [InlineData("uid_map")]
    [InlineData("gid_map")]
    public void A_malformed_map_is_a_runner_failure_naming_the_file(string name)
    {
        var fs = Proc(
            name == "uid_map" ? "0 100000" : "0 100000 65536",
            name == "gid_map" ? "zero 100000 65536" : "0 100000 65536",
            ProcStatus.Text());

        var error = Assert.Throws<RunnerException>(() => new HostProbe(fs).Read());

        Assert.Equal(ExitCodes.Environment, error.ExitCode);
        Assert.Equal("proc-unreadable", error.Code);
        Assert.Contains("/proc/self/" + name, error.Message, StringComparison.Ordinal);
        Assert.IsType<FormatException>(error.InnerException);
        Assert.Contains("/proc", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_status_is_a_runner_failure_naming_the_file()
    {
        var status = ProcStatus.Text().Replace("CapEff:\t000001ffffffffff", "CapEff:\tgarbage", StringComparison.Ordinal);
        var fs = Proc("0 100000 65536", "0 100000 65536", status);

        var error = Assert.Throws<RunnerException>(() => new HostProbe(fs).Read());

        Assert.Equal("proc-unreadable", error.Code);
        Assert.Contains("/proc/self/status", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_proc_file_is_a_runner_failure_naming_it()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/proc/self/uid_map"] = new("0 100000 65536"),
            ["/proc/self/gid_map"] = new("0 100000 65536"),
        });

        var error = Assert.Throws<RunnerException>(() => new HostProbe(fs).Read());

        Assert.Equal(ExitCodes.Environment, error.ExitCode);
        Assert.Contains("/proc/self/status", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_proc_at_all_is_a_runner_failure_naming_the_uid_map()
    {
        var error = Assert.Throws<RunnerException>(() => new HostProbe(new MockFileSystem()).Read());

        Assert.Contains("/proc/self/uid_map", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capability_mask_too_wide_for_64_bits_is_a_runner_failure()
    {
        var status = ProcStatus.Text().Replace("CapEff:\t000001ffffffffff", "CapEff:\t1000001ffffffffff", StringComparison.Ordinal);
        var fs = Proc("0 100000 65536", "0 100000 65536", status);

        var error = Assert.Throws<RunnerException>(() => new HostProbe(fs).Read());

        Assert.Equal("proc-unreadable", error.Code);
    }
}
