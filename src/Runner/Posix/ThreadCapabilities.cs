using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace BuildRunner.Posix;

/// <summary>
/// The calling thread's capability sets, as the kernel's 64-bit masks (bit N is capability N), and a way to start a
/// child process from a thread whose bounding set is cut down.
/// </summary>
/// <remarks>
/// Capability sets are per thread on Linux. The restriction is applied on a fresh thread that only starts the
/// child and then ends, so the runner's other threads keep their capabilities and the child inherits exactly
/// the restricted ones: .NET forks on the thread that starts the process.
/// </remarks>
internal static class ThreadCapabilities
{
    /// <summary>The calling thread's bounding set, read with <c>PR_CAPBSET_READ</c>.</summary>
    public static ulong ReadBoundingSet()
    {
        ulong mask = 0;
        for (var cap = 0; cap < 64; cap++)
        {
            if (Libc.prctl(Libc.PR_CAPBSET_READ, (nuint)cap, 0, 0, 0) == 1)
            {
                mask |= 1UL << cap;
            }
        }
        return mask;
    }

    /// <summary>
    /// Runs <paramref name="start"/> (which must start the child process synchronously) on a thread whose
    /// bounding set is cut to <paramref name="keep"/> and whose inheritable and ambient sets are empty.
    /// An exception from <paramref name="start"/> is rethrown as it is.
    /// </summary>
    /// <exception cref="CapabilityDropException">A capability could not be dropped (the process lacks CAP_SETPCAP); <paramref name="start"/> did not run.</exception>
    public static T StartRestricted<T>(ulong keep, Func<T> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Restrict(keep);
                result = start();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true, Name = "restricted-start" };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
        return result!;
    }

    /// <summary>
    /// Cuts the calling thread's bounding set to <paramref name="keep"/> and empties its inheritable and ambient sets,
    /// so a program it then executes holds at most <paramref name="keep"/>.
    /// </summary>
    /// <exception cref="CapabilityDropException">A capability could not be dropped (the thread lacks CAP_SETPCAP).</exception>
    public static unsafe void Restrict(ulong keep)
    {
        var drop = ReadBoundingSet() & ~keep;
        for (var cap = 0; cap < 64; cap++)
        {
            if ((drop & (1UL << cap)) != 0 && Libc.prctl(Libc.PR_CAPBSET_DROP, (nuint)cap, 0, 0, 0) != 0)
            {
                throw new CapabilityDropException(cap, Marshal.GetLastPInvokeError());
            }
        }

        // Root keeps inheritable capabilities across exec (root's file sets count as full): clear them so only
        // the bounding set decides what the child holds. Ambient capabilities would survive exec for non-root.
        var header = new Libc.CapHeader { Version = Libc.LINUX_CAPABILITY_VERSION_3, Pid = 0 };
        var data = stackalloc Libc.CapData[2];
        if (Libc.capget(&header, data) == 0)
        {
            data[0].Inheritable = 0;
            data[1].Inheritable = 0;
            header = new Libc.CapHeader { Version = Libc.LINUX_CAPABILITY_VERSION_3, Pid = 0 };
            _ = Libc.capset(&header, data);
        }
        _ = Libc.prctl(Libc.PR_CAP_AMBIENT, Libc.PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    }
}
