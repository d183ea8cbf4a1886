using System.Runtime.InteropServices;

namespace BuildRunner.Posix;

/// <summary>
/// Whether a file system fills in <c>d_type</c> in directory entries. containers/storage refuses the overlay driver
/// on one that does not (an xfs formatted with <c>ftype=0</c>), before it ever mounts anything.
/// </summary>
public static class DirectoryEntryTypes
{
    private const byte DT_UNKNOWN = 0;

    // struct dirent on 64-bit Linux (glibc and musl): d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name.
    private const int TypeOffset = 18;
    private const int NameOffset = 19;

    /// <summary>
    /// True when an entry of <paramref name="directory"/> other than <c>.</c> and <c>..</c> has a type, false when
    /// every such entry reads as unknown, null when the folder holds none, cannot be read, or the platform is not
    /// 64-bit Linux. Put a file in the folder first.
    /// </summary>
    public static bool? Reported(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8)
        {
            return null;
        }
        var stream = Libc.opendir(directory);
        if (stream == 0)
        {
            return null;
        }
        try
        {
            bool? reported = null;
            for (var entry = Libc.readdir(stream); entry != 0; entry = Libc.readdir(stream))
            {
                var name = Marshal.PtrToStringUTF8(entry + NameOffset);
                if (name is "." or "..")
                {
                    continue;
                }
                if (Marshal.ReadByte(entry, TypeOffset) != DT_UNKNOWN)
                {
                    return true;
                }
                reported = false;
            }
            return reported;
        }
        finally
        {
            _ = Libc.closedir(stream);
        }
    }
}
