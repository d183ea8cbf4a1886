using BuildRunner.Host;

namespace BuildRunner.Reporting;

/// <summary>The seccomp preflight as <c>doctor --json</c> shows it.</summary>
/// <param name="Mode"><c>disabled</c>, <c>strict</c>, <c>filter</c> or <c>unknown</c>.</param>
/// <param name="UserNamespaces">Whether the filter lets <c>unshare</c> through (buildah's user and mount namespace).</param>
/// <param name="Mounts">Whether the filter lets <c>mount</c> and <c>umount2</c> through, by syscall.</param>
/// <param name="Syscalls">Each syscall checked with the answer seen (<c>ok</c>, <c>ENOENT</c> from the kernel; <c>EPERM</c>, <c>ENOSYS</c> from a filter).</param>
/// <param name="Trial">The namespace trial in a child process: what happened.</param>
/// <param name="Verdict"><c>allowed</c> when the filter lets every needed syscall through, <c>refused</c> otherwise.</param>
public sealed record SeccompReport(
    string Mode,
    bool UserNamespaces,
    IReadOnlyDictionary<string, bool> Mounts,
    IReadOnlyDictionary<string, string> Syscalls,
    string Trial,
    string Verdict)
{
    /// <summary>The report of <paramref name="facts"/>.</summary>
    public static SeccompReport Of(SeccompFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var trial = facts.Trial switch
        {
            { Ran: false } t => "not run: " + t.Detail,
            { Succeeded: true } t => "succeeded: " + t.Detail,
            var t => "failed: " + t.Detail,
        };
        return new SeccompReport(
            facts.Mode.ToName(),
            facts.Allows("unshare"),
            new SortedDictionary<string, bool>(StringComparer.Ordinal) { ["mount"] = facts.Allows("mount"), ["umount2"] = facts.Allows("umount2") },
            facts.Syscalls.ToDictionary(s => s.Syscall, s => s.Answer, StringComparer.Ordinal),
            trial,
            facts.Refused.Any() ? "refused" : "allowed");
    }
}
