using System.Runtime.InteropServices;

namespace BuildRunner.Posix;

/// <summary>Replaces the calling process with another program (<c>execvp</c>): same PID, same environment, same open files.</summary>
internal static class ProcessImage
{
    /// <summary>Runs <paramref name="argv"/>[0], found on PATH, in place of this process; returns only with the system's reason it could not.</summary>
    public static unsafe string Replace(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var pointers = new nint[argv.Count + 1];
        try
        {
            for (var i = 0; i < argv.Count; i++)
            {
                pointers[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
            }
            fixed (nint* array = pointers)
            {
                _ = Libc.execvp(argv[0], array);
            }
            return Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
        }
        finally
        {
            foreach (var pointer in pointers.Where(p => p != 0))
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }
}
