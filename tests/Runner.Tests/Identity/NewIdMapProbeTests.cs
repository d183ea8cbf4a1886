using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Host;
using BuildRunner.Identity;

namespace BuildRunner.Tests.Identity;

public class NewIdMapProbeTests
{
    private const string Status =
        "Name:\tbuild-runner\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\n"
        + "CapInh:\t0000000000000000\nCapPrm:\t0000000000000000\n"
        + "NoNewPrivs:\t1\nCapEff:\t0000000000000000\nCapBnd:\t00000000000000c0\n";

    private static readonly ProcessCredentials User = ProcessCredentials.Parse(Status);

    [Fact]
    public void Takes_process_facts_from_the_credentials_the_host_probe_read()
    {
        var fs = new MockFileSystem();

        var facts = new NewIdMapProbe(fs, User, _ => 0, _ => null).Probe("/usr/bin/newuidmap", mapsGroups: false);

        Assert.True(facts.NoNewPrivileges);
        Assert.False(facts.IsRoot);
        Assert.Equal(CapabilitySet.Of("SETUID", "SETGID"), facts.BoundingCapabilities);
        Assert.Equal(CapabilitySet.None, facts.EffectiveCapabilities);
        Assert.False(facts.Exists);
        Assert.Null(facts.OwnerUid);
    }

    [Fact]
    public void Reads_root_from_the_effective_uid()
    {
        var root = ProcessCredentials.Parse(Status.Replace("Uid:\t1000\t1000", "Uid:\t1000\t0", StringComparison.Ordinal));

        Assert.True(new NewIdMapProbe(new MockFileSystem(), root, _ => 0, _ => null).Probe("/x", false).IsRoot);
    }

    [Fact]
    public void Reads_binary_facts_through_the_lookups()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/usr/bin/newgidmap"] = new(string.Empty),
        });
        var caps = CapabilitySet.Of("SETGID");

        var facts = new NewIdMapProbe(fs, User, _ => 0, _ => caps).Probe("/usr/bin/newgidmap", mapsGroups: true);

        Assert.True(facts.Exists);
        Assert.Equal(0, facts.OwnerUid);
        Assert.Equal(caps, facts.FileCapabilities);
        Assert.Equal("newgidmap", facts.Tool);
    }

    [Fact]
    public void Reads_the_setuid_bit_and_owner_of_a_real_file()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var path = Path.GetTempFileName();
        try
        {
            File.SetUnixFileMode(path, UnixFileMode.SetUser | UnixFileMode.UserRead | UnixFileMode.UserExecute);

            var facts = new NewIdMapProbe(new FileSystem(), User).Probe(path, mapsGroups: false);

            Assert.True(facts.SetUid);
            // The file belongs to whoever runs the tests; they run as root.
            Assert.NotNull(facts.OwnerUid);
            Assert.Equal(Environment.IsPrivilegedProcess, facts.OwnerUid == 0);
            Assert.Null(facts.FileCapabilities);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_owner_of_a_missing_file_is_unknown()
    {
        Assert.Null(NewIdMapProbe.OwnerOf("/nonexistent/newuidmap"));
    }
}
