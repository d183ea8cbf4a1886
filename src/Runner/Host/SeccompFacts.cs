using System.Collections.Immutable;

namespace BuildRunner.Host;

/// <summary>What the pod's seccomp profile lets a build do, learnt before any buildah call.</summary>
/// <param name="Mode">The process's seccomp mode.</param>
/// <param name="Syscalls">The syscalls buildah needs and whether the filter lets each through.</param>
/// <param name="Trial">The namespace trial made in a child process.</param>
public sealed record SeccompFacts(SeccompMode Mode, ImmutableArray<SyscallCheck> Syscalls, NamespaceTrial Trial)
{
    /// <summary>The syscalls the filter refuses.</summary>
    public IEnumerable<SyscallCheck> Refused => Syscalls.Where(s => !s.Allowed);

    /// <summary>Whether the filter lets <paramref name="syscall"/> through (true when it was not checked).</summary>
    public bool Allows(string syscall) => Syscalls.FirstOrDefault(s => s.Syscall == syscall)?.Allowed ?? true;
}
