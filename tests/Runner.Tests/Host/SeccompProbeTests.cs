using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Host;

namespace BuildRunner.Tests.Host;

public class SeccompProbeTests
{
    private static MockFileSystem ProcWithSeccomp(string mode) => new(new Dictionary<string, MockFileData>
    {
        ["/proc/self/status"] = new($"Name:\tbuild-runner\nSeccomp:\t{mode}\n"),
    });

    [Fact]
    public async Task Without_the_unshare_tool_the_trial_is_reported_as_not_run_rather_than_failed()
    {
        var facts = await new SeccompProbe(ProcWithSeccomp("2"), "/proc/self", "/nonexistent/unshare").ProbeAsync(CancellationToken.None);

        Assert.Equal(SeccompMode.Filter, facts.Mode);
        Assert.False(facts.Trial.Ran);
        Assert.Contains("/nonexistent/unshare", facts.Trial.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trial_tool_that_fails_is_reported_as_ran_and_failed_with_what_it_said()
    {
        var facts = await new SeccompProbe(ProcWithSeccomp("0"), "/proc/self", "false").ProbeAsync(CancellationToken.None);

        Assert.Equal(SeccompMode.Disabled, facts.Mode);
        Assert.True(facts.Trial.Ran);
        Assert.False(facts.Trial.Succeeded);
        Assert.Equal("false exited with 1", facts.Trial.Detail);
    }

    [Fact]
    public async Task The_syscalls_buildah_needs_are_checked_in_order()
    {
        var facts = await new SeccompProbe(ProcWithSeccomp("0"), "/proc/self", "/nonexistent/unshare").ProbeAsync(CancellationToken.None);

        Assert.Equal(["unshare", "mount", "umount2"], facts.Syscalls.Select(s => s.Syscall));
        Assert.Equal(SeccompProbe.NeededSyscalls, facts.Syscalls.Select(s => s.Syscall));
    }
}
