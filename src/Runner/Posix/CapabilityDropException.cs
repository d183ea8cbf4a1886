using System.Runtime.InteropServices;

namespace BuildRunner.Posix;

/// <summary>
/// <c>prctl(PR_CAPBSET_DROP)</c> refused to drop a capability from the calling thread's bounding set. Raw numbers only:
/// the caller names the capability and decides what the failure means.
/// </summary>
internal sealed class CapabilityDropException : Exception
{
    /// <summary>Capability <paramref name="capability"/> could not be dropped; the kernel answered <paramref name="errno"/>.</summary>
    public CapabilityDropException(int capability, int errno)
        : base($"prctl(PR_CAPBSET_DROP, {capability}): {Marshal.GetPInvokeErrorMessage(errno)}")
    {
        Capability = capability;
        Errno = errno;
    }

    /// <summary>The capability number, such as 21 for CAP_SYS_ADMIN.</summary>
    public int Capability { get; }

    /// <summary>The errno <c>prctl</c> set, such as 1 (EPERM) without CAP_SETPCAP.</summary>
    public int Errno { get; }
}
