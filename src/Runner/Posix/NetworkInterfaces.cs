using System.Runtime.InteropServices;

namespace BuildRunner.Posix;

/// <summary>Turns a network interface on in the calling process's network namespace (what <c>ip link set lo up</c> does).</summary>
internal static class NetworkInterfaces
{
    // struct ifreq: a 16-byte name, then a union whose first member for these requests is short ifr_flags.
    private const int IfreqSize = 40;
    private const int FlagsOffset = 16;

    /// <summary>Sets IFF_UP on <paramref name="name"/>; returns null, or the system's reason it could not.</summary>
    public static unsafe string? Up(string name)
    {
        var fd = Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM, 0);
        if (fd < 0)
        {
            return "socket: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
        }
        try
        {
            var request = stackalloc byte[IfreqSize];
            new Span<byte>(request, IfreqSize).Clear();
            var bytes = System.Text.Encoding.ASCII.GetBytes(name);
            bytes.AsSpan(0, Math.Min(bytes.Length, 15)).CopyTo(new Span<byte>(request, 16));
            if (Libc.ioctl(fd, Libc.SIOCGIFFLAGS, request) != 0)
            {
                return "SIOCGIFFLAGS: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
            }
            *(short*)(request + FlagsOffset) |= Libc.IFF_UP;
            return Libc.ioctl(fd, Libc.SIOCSIFFLAGS, request) == 0
                ? null
                : "SIOCSIFFLAGS: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
        }
        finally
        {
            _ = Libc.close(fd);
        }
    }
}
