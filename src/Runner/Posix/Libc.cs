using System.Runtime.InteropServices;

namespace BuildRunner.Posix;

/// <summary>
/// Every libc call the runner makes, and nothing else: the one place that declares native imports. Source-generated,
/// so native AOT needs no extra native library.
/// </summary>
internal static partial class Libc
{
    public const int PR_CAPBSET_READ = 23;
    public const int PR_CAPBSET_DROP = 24;
    public const int PR_CAP_AMBIENT = 47;
    public const int PR_CAP_AMBIENT_CLEAR_ALL = 4;
    public const uint LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    public const int W_OK = 2;
    public const int X_OK = 1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int capget(CapHeader* header, CapData* data);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int capset(CapHeader* header, CapData* data);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int unshare(int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mount(string? source, string target, string? fileSystemType, nuint flags, nint data);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int umount2(string target, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial nint getxattr(string path, string name, byte* value, nuint size);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    // struct statfs is 120 bytes on 64-bit glibc and musl; callers pass a larger buffer.
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int statfs(string path, byte* buffer);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint opendir(string path);

    // Returns a struct dirent* owned by the directory stream, or null at the end.
    [LibraryImport("libc", SetLastError = true)]
    public static partial nint readdir(nint directory);

    [LibraryImport("libc")]
    public static partial int closedir(nint directory);

    // access(2) answers for the real IDs and, for root, the permitted capabilities: what buildah started by this process may do.
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int access(string path, int mode);

    [LibraryImport("libc")]
    public static partial uint geteuid();

    public const int AF_INET = 2;
    public const int SOCK_DGRAM = 2;
    public const nuint SIOCGIFFLAGS = 0x8913;
    public const nuint SIOCSIFFLAGS = 0x8914;
    public const short IFF_UP = 0x1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int ioctl(int fd, nuint request, byte* argument);

    [LibraryImport("libc")]
    public static partial int close(int fd);

    // argv is a null-terminated array of UTF-8 strings; the environment is the process's own (environ).
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int execvp(string file, nint* argv);

    [LibraryImport("libc")]
    public static partial uint getegid();

    [StructLayout(LayoutKind.Sequential)]
    public struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }
}
