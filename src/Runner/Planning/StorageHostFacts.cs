namespace BuildRunner.Planning;

/// <summary>
/// What decides which storage drivers work, read before any probe: together with the ID maps, the privileges and
/// the driver asked for, the key under which a probe's verdict is remembered (<see cref="Storage.ProbeMemoKey"/>).
/// </summary>
/// <param name="Runner">The runner's version and revision.</param>
/// <param name="KernelRelease">The kernel release, or <c>unknown</c>.</param>
/// <param name="FileSystemType">statfs f_type of the storage root, or null when it does not exist yet.</param>
/// <param name="FuseOverlayfs">The fuse-overlayfs binary on PATH, or null.</param>
/// <param name="FuseDeviceProblem">Why /dev/fuse cannot be opened, or null when it can.</param>
public sealed record StorageHostFacts(string Runner, string KernelRelease, long? FileSystemType, string? FuseOverlayfs, string? FuseDeviceProblem)
{
    /// <summary>Nothing known: no memo can match it.</summary>
    public static StorageHostFacts Unknown { get; } = new("unknown", "unknown", null, null, null);
}
