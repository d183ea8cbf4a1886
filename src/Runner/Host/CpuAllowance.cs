namespace BuildRunner.Host;

/// <summary>How many CPUs the pod may use, and what said so (a cgroup file and its value, or the CPUs online).</summary>
/// <param name="Count">Whole CPUs, at least 1: a fractional quota is rounded up.</param>
/// <param name="Source">Where the count came from, as <c>doctor</c> shows it.</param>
public sealed record CpuAllowance(int Count, string Source)
{
    /// <summary>When nothing could be read: one CPU, the count that never oversubscribes.</summary>
    public static readonly CpuAllowance Unknown = new(1, "nothing readable (no cgroup CPU limit, cpuset or online CPU list): 1");
}
