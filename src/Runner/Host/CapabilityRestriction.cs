using System.Runtime.InteropServices;
using BuildRunner.Posix;

namespace BuildRunner.Host;

/// <summary>
/// Starts a child process with a smaller bounding set and no inheritable or ambient capabilities, so the child
/// (and everything it starts) can never hold more than <c>keep</c> in the pod's namespace.
/// </summary>
/// <remarks>
/// The per-thread mechanics live in <see cref="ThreadCapabilities"/>; this class speaks in <see cref="CapabilitySet"/>
/// and turns a refused drop into the failure the pod owner sees.
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
        try
        {
            return ThreadCapabilities.StartRestricted(keep.Mask, start);
        }
        catch (CapabilityDropException e)
        {
            var name = Capabilities.NameOf(e.Capability);
            throw FailureCatalog.CannotDropCapability.Fails(
                $"dropping {name} from the bounding set before starting buildah: {Marshal.GetPInvokeErrorMessage(e.Errno)} (the runner lacks CAP_SETPCAP)",
                $"drop {name} in the pod: securityContext.capabilities.drop: [ALL] and add only what the build needs, or grant CAP_SETPCAP so the runner can drop it itself",
                e);
        }
    }

    /// <summary>The calling thread's bounding set, read with <c>PR_CAPBSET_READ</c>.</summary>
    public static CapabilitySet ReadBoundingSet() => new(ThreadCapabilities.ReadBoundingSet());
}
