namespace BuildRunner.Storage;

/// <summary>What the probe found out about one driver.</summary>
/// <param name="Driver">The driver.</param>
/// <param name="Usable">Whether a file could be written through a mount of it in a scratch store (for vfs: in the store).</param>
/// <param name="Reason">Why it is usable or not, in words for the log and the doctor report.</param>
/// <param name="Probed">Whether the driver was actually tried (auto stops at the first that works).</param>
/// <param name="MountProgram">The fuse-overlayfs binary the candidate uses, for <see cref="StorageDriver.FuseOverlayfs"/>.</param>
public sealed record StorageCandidate(StorageDriver Driver, bool Usable, string Reason, bool Probed = true, string? MountProgram = null);
