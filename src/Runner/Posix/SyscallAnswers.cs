using System.Runtime.InteropServices;

namespace BuildRunner.Posix;

/// <summary>
/// Calls the syscalls a build needs with arguments that change nothing, and returns what came back (0 or the
/// errno). The kernel answers <c>unshare(0)</c> with success and <c>mount</c>/<c>umount2</c> on an empty path with
/// ENOENT before it looks at capabilities; a seccomp filter answers before the kernel sees the call. So the answer
/// tells the filter's verdict apart from everything else, and the calls are safe in a multithreaded process.
/// </summary>
internal static class SyscallAnswers
{
    /// <summary>The errno <c>mount</c> and <c>umount2</c> get from the kernel for an empty path.</summary>
    public const int ENOENT = 2;

    /// <summary><c>unshare(0)</c>: 0 from the kernel.</summary>
    public static int UnshareNothing() => Answer(Libc.unshare(0));

    /// <summary><c>mount(NULL, "", NULL, 0, NULL)</c>: ENOENT from the kernel.</summary>
    public static int MountEmptyPath() => Answer(Libc.mount(null, "", null, 0, 0));

    /// <summary><c>umount2("", 0)</c>: ENOENT from the kernel.</summary>
    public static int UnmountEmptyPath() => Answer(Libc.umount2("", 0));

    /// <summary>The usual name of an errno value, such as <c>EPERM</c>.</summary>
    public static string Name(int errno) => errno switch
    {
        0 => "ok",
        1 => "EPERM",
        2 => "ENOENT",
        13 => "EACCES",
        14 => "EFAULT",
        22 => "EINVAL",
        38 => "ENOSYS",
        _ => $"errno {errno}",
    };

    private static int Answer(int result) => result == 0 ? 0 : Marshal.GetLastPInvokeError();
}
