using System.IO.Abstractions;

namespace BuildRunner.Storage;

/// <summary>Whether fuse-overlayfs can run at all: its binary on PATH and a /dev/fuse this process can open.</summary>
public static class FuseAvailability
{
    /// <summary>The device fuse-overlayfs talks to the kernel through.</summary>
    public const string Device = "/dev/fuse";

    /// <summary>The first <c>fuse-overlayfs</c> on <paramref name="path"/> (PATH's value), or null.</summary>
    public static string? FindProgram(IFileSystem fileSystem, string? path)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        return (path ?? "/usr/local/bin:/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => fileSystem.Path.Combine(dir, "fuse-overlayfs"))
            .FirstOrDefault(fileSystem.File.Exists);
    }

    /// <summary>Why /dev/fuse cannot be used, or null when it opens for reading and writing.</summary>
    public static string? DeviceProblem(IFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        if (!fileSystem.File.Exists(Device))
        {
            return "/dev/fuse is missing: the pod needs the device (CRI-O annotation io.kubernetes.cri-o.Devices: \"/dev/fuse:rwm\")";
        }
        try
        {
            using var stream = fileSystem.File.Open(Device, FileMode.Open, FileAccess.ReadWrite);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"/dev/fuse cannot be opened ({e.Message}): inside a user namespace the device must be mode 0666 on the node";
        }
    }
}
