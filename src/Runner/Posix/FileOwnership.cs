using System.Runtime.InteropServices;

namespace BuildRunner.Posix;

/// <summary>
/// A file's owner through libc <c>statx</c>: .NET has no API for it, and statx has one layout on every architecture,
/// unlike <c>struct stat</c>.
/// </summary>
public static class FileOwnership
{
    private const int AtFdCwd = -100;
    private const uint StatxUid = 0x8;

    /// <summary>The owner UID of <paramref name="path"/> (following symlinks), or null when it cannot be read.</summary>
    public static unsafe long? OwnerOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // struct statx is 256 bytes, native byte order; stx_mask is the u32 at offset 0, stx_uid the u32 at offset 20.
        Span<byte> buffer = stackalloc byte[256];
        int result;
        fixed (byte* p = buffer)
        {
            result = Libc.statx(AtFdCwd, path, 0, StatxUid, p);
        }
        if (result != 0 || (MemoryMarshal.Read<uint>(buffer) & StatxUid) == 0)
        {
            return null;
        }
        return MemoryMarshal.Read<uint>(buffer[20..]);
    }
}
