using BuildRunner.Host;
using BuildRunner.Planning;
using BuildRunner.Reporting;

namespace BuildRunner.Tests.Planning;

public class SeccompPlannerTests
{
    private static readonly NamespaceTrial Worked = new(true, true, "created a user and mount namespace and mounted a tmpfs in it");

    private static SeccompFacts Facts(string unshare, string mount, string umount2, NamespaceTrial? trial = null) => new(
        SeccompMode.Filter,
        [
            new SyscallCheck("unshare", unshare == "ok", unshare),
            new SyscallCheck("mount", mount == "ENOENT", mount),
            new SyscallCheck("umount2", umount2 == "ENOENT", umount2),
        ],
        trial ?? Worked);

    [Fact]
    public void A_filter_that_lets_every_needed_syscall_through_is_no_problem() =>
        Assert.Empty(SeccompPlanner.Problems(Facts("ok", "ENOENT", "ENOENT"), capabilitiesComplete: true));

    [Theory]
    [InlineData("EPERM", "EPERM", "EPERM", "unshare (answered EPERM", "mount (answered EPERM")]   // containerd's RuntimeDefault
    [InlineData("ENOSYS", "ENOENT", "ENOENT", "unshare (answered ENOSYS", null)]                // CRI-O 1.24+
    [InlineData("ok", "ENOENT", "EPERM", "umount2 (answered EPERM", "unshare")]
    public void A_filter_that_refuses_a_needed_syscall_blocks_with_exit_9_and_names_each_refused_call(
        string unshare, string mount, string umount2, string named, string? notNamedOrAlsoNamed)
    {
        var problem = Assert.Single(SeccompPlanner.Problems(Facts(unshare, mount, umount2, new NamespaceTrial(true, false, "unshare failed")), capabilitiesComplete: true));

        Assert.Equal("seccomp-refused", problem.Code);
        Assert.True(problem.Blocking);
        Assert.Equal(9, problem.ExitCode);
        Assert.Contains(named, problem.Message, StringComparison.Ordinal);
        if (notNamedOrAlsoNamed == "unshare")
        {
            Assert.DoesNotContain("unshare (", problem.Message, StringComparison.Ordinal);
        }
        else if (notNamedOrAlsoNamed is not null)
        {
            Assert.Contains(notNamedOrAlsoNamed, problem.Message, StringComparison.Ordinal);
        }
        Assert.Contains("localhostProfile: build-runner.json", problem.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("storage", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_trial_under_a_filter_that_allows_the_calls_blames_the_nodes_other_limits_not_seccomp()
    {
        var facts = Facts("ok", "ENOENT", "ENOENT", new NamespaceTrial(true, false, "unshare: unshare failed: No space left on device"));

        var problem = Assert.Single(SeccompPlanner.Problems(facts, capabilitiesComplete: true));

        Assert.Equal("namespaces-refused", problem.Code);
        Assert.Equal(10, problem.ExitCode);
        Assert.Contains("No space left on device", problem.Message, StringComparison.Ordinal);
        Assert.Contains("max_user_namespaces", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_trial_is_left_to_the_capability_problem_when_capabilities_are_missing() =>
        Assert.Empty(SeccompPlanner.Problems(Facts("ok", "ENOENT", "ENOENT", new NamespaceTrial(true, false, "write failed")), capabilitiesComplete: false));

    [Fact]
    public void A_trial_that_could_not_run_is_no_problem() =>
        Assert.Empty(SeccompPlanner.Problems(Facts("ok", "ENOENT", "ENOENT", NamespaceTrial.NotRun("no unshare tool")), capabilitiesComplete: true));

    [Fact]
    public void The_report_shows_the_mode_each_answer_and_the_verdict()
    {
        var report = SeccompReport.Of(Facts("EPERM", "EPERM", "ENOENT", new NamespaceTrial(true, false, "unshare failed")));

        Assert.Equal("filter", report.Mode);
        Assert.False(report.UserNamespaces);
        Assert.False(report.Mounts["mount"]);
        Assert.True(report.Mounts["umount2"]);
        Assert.Equal("EPERM", report.Syscalls["unshare"]);
        Assert.Equal("failed: unshare failed", report.Trial);
        Assert.Equal("refused", report.Verdict);
    }
}
