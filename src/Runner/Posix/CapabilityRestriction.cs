using System.Runtime.InteropServices;
using BuildRunner.Host;

namespace BuildRunner.Posix;

/// <summary>
/// Starts a child process with a smaller bounding set and no inheritable or ambient capabilities, so the child
/// (and everything it starts) can never hold more than <c>keep</c> in the pod's namespace.
/// </summary>
/// <remarks>
/// Capability sets are per thread on Linux. The restriction is applied on a fresh thread that only starts the
/// child and then ends, so the runner's other threads keep their capabilities and the child inherits exactly
/// the restricted ones: .NET forks on the thread that starts the process.
/// </remarks>
public static class CapabilityRestriction
{
    /// <summary>
    /// Runs <paramref name="start"/> (which must start the child process synchronously) on a thread whose
    /// bounding set is cut to <paramref name="keep"/> and whose inheritable and ambient sets are empty.
    /// </summary>
    /// <exception cref="RunnerException">A capability could not be dropped (the pod lacks CAP_SETPCAP).</exception>
    public static T StartRestricted<T>(CapabilitySet keep, Func<T> start)
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
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        return result!;
    }

    /// <summary>The calling thread's bounding set, read with <c>PR_CAPBSET_READ</c>.</summary>
    public static CapabilitySet ReadBoundingSet()
    {
        ulong mask = 0;
        for (var cap = 0; cap < 64; cap++)
        {
            if (Libc.prctl(Libc.PR_CAPBSET_READ, (nuint)cap, 0, 0, 0) == 1)
            {
                mask |= 1UL << cap;
            }
        }
        return new CapabilitySet(mask);
    }

    private static unsafe void Restrict(CapabilitySet keep)
    {
        var bounding = ReadBoundingSet();
        foreach (var cap in bounding.Except(keep).Numbers())
        {
            if (Libc.prctl(Libc.PR_CAPBSET_DROP, (nuint)cap, 0, 0, 0) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new RunnerException(
                    ExitCodes.MissingCapability,
                    "cannot-drop-capability",
                    $"dropping {Capabilities.NameOf(cap)} from the bounding set before starting buildah: {Marshal.GetPInvokeErrorMessage(errno)} (the runner lacks CAP_SETPCAP)",
                    $"drop {Capabilities.NameOf(cap)} in the pod: securityContext.capabilities.drop: [ALL] and add only what the build needs, or grant CAP_SETPCAP so the runner can drop it itself");
            }
        }

        // Root keeps inheritable capabilities across exec (root's file sets count as full): clear them so only
        // the bounding set decides what buildah holds. Ambient capabilities would survive exec for non-root.
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
