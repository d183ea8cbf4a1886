using System.Runtime.InteropServices;

namespace BuildRunner.Posix;

/// <summary>Whether this process may create files in a folder, asked of the kernel without writing anything.</summary>
public static class WriteAccess
{
    /// <summary>
    /// Null when files can be made in <paramref name="directory"/> (write and search permission, a writable file
    /// system), else the kernel's reason, such as <c>Read-only file system</c>.
    /// </summary>
    public static string? Problem(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return Libc.access(directory, Libc.W_OK | Libc.X_OK) == 0 ? null : Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
    }
}
