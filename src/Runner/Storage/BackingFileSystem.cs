using System.Globalization;

namespace BuildRunner.Storage;

/// <summary>
/// What the file system under the storage root means for the drivers, from its statfs magic number: the rules
/// containers/storage applies before it mounts anything, so the probe says what buildah would.
/// </summary>
public static class BackingFileSystem
{
    private static readonly Dictionary<long, string> Names = new()
    {
        [0xEF53] = "ext4",
        [0x58465342] = "xfs",
        [0x9123683E] = "btrfs",
        [0x01021994] = "tmpfs",
        [0x794C7630] = "overlayfs",
        [0x61756673] = "aufs",
        [0x2FC12FC1] = "zfs",
        [0xF15F] = "ecryptfs",
        [0x65735546] = "fuse",
        [0x6969] = "nfs",
        [0xFF534D42] = "cifs",
        [0xFE534D42] = "smb2",
        [0x517B] = "smb",
        [0x858458F6] = "ramfs",
        [0xF2F52010] = "f2fs",
    };

    // containers/storage's overlay driver refuses these without a mount program ("'overlay' is not supported over
    // overlayfs, a mount_program is required"), and a network file system when it runs in a user namespace.
    private static readonly HashSet<long> NoNativeOverlay = [0x794C7630, 0x61756673, 0x2FC12FC1, 0xF15F];
    private static readonly HashSet<long> Network = [0x6969, 0xFF534D42, 0xFE534D42, 0x517B];

    /// <summary>The file system's usual name and its magic number, such as <c>ext4 (0xef53)</c>; <c>unknown</c> for null.</summary>
    public static string Describe(long? type) => type is long magic
        ? $"{(Names.TryGetValue(magic, out var name) ? name : "unrecognised")} (0x{magic.ToString("x", CultureInfo.InvariantCulture)})"
        : "unknown";

    /// <summary>Why native overlay cannot work with its layers on this file system, or null when nothing rules it out.</summary>
    public static string? NativeOverlayProblem(long? type) => type switch
    {
        Posix.FileSystemType.Overlay =>
            "the storage root is on overlayfs, and native overlay does not work over overlayfs (the container's own root file system is one: mount an emptyDir or tmpfs volume at the storage root)",
        long magic when NoNativeOverlay.Contains(magic) =>
            $"the storage root is on {Names[magic]}, and native overlay does not work over {Names[magic]} (buildah's storage library asks for a mount program there)",
        long magic when Network.Contains(magic) =>
            $"the storage root is on {Names[magic]}, a network file system, which native overlay does not support in a user namespace",
        _ => null,
    };
}
