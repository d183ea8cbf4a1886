using System.Runtime.InteropServices;

namespace BuildRunner.Posix;

/// <summary>The kernel's magic number for the file system a path is on (statfs <c>f_type</c>).</summary>
public static class FileSystemType
{
    /// <summary>overlayfs (<c>OVERLAYFS_SUPER_MAGIC</c>).</summary>
    public const long Overlay = 0x794c7630;

    /// <summary>
    /// The <c>f_type</c> of the file system holding <paramref name="path"/>, or null when the path does not exist, cannot
    /// be reached, or the platform's <c>struct statfs</c> is not the 64-bit Linux one.
    /// </summary>
    public static unsafe long? Of(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8)
        {
            return null;
        }
        // f_type is the first field, a long, on every 64-bit Linux ABI.
        Span<byte> buffer = stackalloc byte[256];
        fixed (byte* pointer = buffer)
        {
            if (Libc.statfs(path, pointer) != 0)
            {
                return null;
            }
        }
        return MemoryMarshal.Read<long>(buffer);
    }
}
