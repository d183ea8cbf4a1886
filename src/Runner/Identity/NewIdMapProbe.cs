using System.IO.Abstractions;
using System.Runtime.InteropServices;
using BuildRunner.Host;
using BuildRunner.Posix;

namespace BuildRunner.Identity;

/// <summary>
/// Gathers <see cref="NewIdMapFacts"/> from the running system: existence and the setuid bit through
/// <see cref="IFileSystem"/>, process facts from the credentials the host probe read, the owner through libc <c>statx</c>
/// (.NET has no API for a file's owner; statx has one layout on every architecture, unlike <c>struct stat</c>)
/// and file capabilities through <see cref="ExtendedAttributes"/>.
/// </summary>
public sealed partial class NewIdMapProbe
{
    private const int AtFdCwd = -100;
    private const uint StatxUid = 0x8;

    private readonly IFileSystem _fileSystem;
    private readonly ProcessCredentials _credentials;
    private readonly Func<string, long?> _ownerOf;
    private readonly Func<string, CapabilitySet?> _capabilitiesOf;

    /// <summary>Probes the real system through <paramref name="fileSystem"/> and libc, for a process with <paramref name="credentials"/>.</summary>
    public NewIdMapProbe(IFileSystem fileSystem, ProcessCredentials credentials)
        : this(fileSystem, credentials, OwnerOf, ExtendedAttributes.ReadFileCapabilities)
    {
    }

    /// <summary>Probes with replaceable owner and capability lookups, for tests on a mock file system.</summary>
    public NewIdMapProbe(IFileSystem fileSystem, ProcessCredentials credentials, Func<string, long?> ownerOf, Func<string, CapabilitySet?> capabilitiesOf)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(ownerOf);
        ArgumentNullException.ThrowIfNull(capabilitiesOf);
        _fileSystem = fileSystem;
        _credentials = credentials;
        _ownerOf = ownerOf;
        _capabilitiesOf = capabilitiesOf;
    }

    /// <summary>The facts about newuidmap and newgidmap at their usual paths.</summary>
    public (NewIdMapFacts NewUidMap, NewIdMapFacts NewGidMap) ProbeBoth() =>
        (Probe(NewIdMapCheck.DefaultNewUidMapPath, mapsGroups: false),
         Probe(NewIdMapCheck.DefaultNewGidMapPath, mapsGroups: true));

    /// <summary>The facts about the tool at <paramref name="path"/> and about this process.</summary>
    public NewIdMapFacts Probe(string path, bool mapsGroups)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        var exists = _fileSystem.File.Exists(path);
        var setUid = exists && !OperatingSystem.IsWindows()
            && (_fileSystem.File.GetUnixFileMode(path) & UnixFileMode.SetUser) != 0;
        return new NewIdMapFacts(
            path,
            mapsGroups,
            exists,
            exists ? _ownerOf(path) : null,
            setUid,
            exists ? _capabilitiesOf(path) : null,
            _credentials.NoNewPrivileges,
            _credentials.Effective,
            _credentials.Bounding,
            _credentials.EffectiveUid == 0);
    }

    /// <summary>The owner UID of <paramref name="path"/> (following symlinks), or null when it cannot be read.</summary>
    public static unsafe long? OwnerOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // struct statx is 256 bytes, native byte order; stx_mask is the u32 at offset 0, stx_uid the u32 at offset 20.
        Span<byte> buffer = stackalloc byte[256];
        int result;
        fixed (byte* p = buffer)
        {
            result = statx(AtFdCwd, path, 0, StatxUid, p);
        }
        if (result != 0 || (MemoryMarshal.Read<uint>(buffer) & StatxUid) == 0)
        {
            return null;
        }
        return MemoryMarshal.Read<uint>(buffer[20..]);
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}
