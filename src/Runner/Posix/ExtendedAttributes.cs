using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace BuildRunner.Posix;

/// <summary>
/// Reads file capabilities from the <c>security.capability</c> extended attribute, as the kernel's 64-bit masks
/// (bit N is capability N).
/// </summary>
public static class ExtendedAttributes
{
    /// <summary>The attribute that holds a file's capabilities.</summary>
    public const string CapabilityAttribute = "security.capability";

    private const int ENODATA = 61;
    private const int EOPNOTSUPP = 95;

    // include/uapi/linux/capability.h
    private const uint RevisionMask = 0xFF000000;
    private const uint Revision1 = 0x01000000;
    private const uint Revision2 = 0x02000000;
    private const uint Revision3 = 0x03000000;

    /// <summary>
    /// The permitted set of the file capabilities of <paramref name="path"/> (following symlinks, as exec does),
    /// or null when the file has none or the file system does not support them.
    /// </summary>
    /// <exception cref="IOException">The attribute could not be read for another reason (no such file, no access).</exception>
    public static ulong? ReadFileCapabilities(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // vfs_ns_cap_data (revision 3) is the largest form: 24 bytes.
        Span<byte> buffer = stackalloc byte[64];
        var length = GetXattr(path, CapabilityAttribute, buffer);
        return length is int n ? DecodeFileCapabilities(buffer[..n]) : null;
    }

    /// <summary>
    /// Decodes <c>vfs_cap_data</c> (revisions 1 and 2) or <c>vfs_ns_cap_data</c> (revision 3): a little-endian
    /// <c>magic_etc</c> word, then (permitted, inheritable) word pairs, low 32 capabilities first.
    /// Returns the permitted set; null when the data is too short or of an unknown revision.
    /// </summary>
    /// <remarks>
    /// The effective flag is not reported: shadow's newuidmap raises the one capability it needs itself,
    /// so <c>=p</c> works as well as <c>=ep</c>.
    /// </remarks>
    public static ulong? DecodeFileCapabilities(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4)
        {
            return null;
        }
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        switch (magic & RevisionMask)
        {
            case Revision1 when data.Length >= 12:
                return BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            case Revision2 when data.Length >= 20:
            case Revision3 when data.Length >= 24:
                ulong low = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
                ulong high = BinaryPrimitives.ReadUInt32LittleEndian(data[12..]);
                return low | (high << 32);
            default:
                return null;
        }
    }

    private static unsafe int? GetXattr(string path, string name, Span<byte> buffer)
    {
        nint result;
        fixed (byte* value = buffer)
        {
            result = Libc.getxattr(path, name, value, (nuint)buffer.Length);
        }
        if (result >= 0)
        {
            return (int)result;
        }
        var errno = Marshal.GetLastPInvokeError();
        if (errno is ENODATA or EOPNOTSUPP)
        {
            return null;
        }
        throw new IOException($"cannot read {name} of {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }
}
