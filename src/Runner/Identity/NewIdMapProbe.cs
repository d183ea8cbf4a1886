using System.IO.Abstractions;
using BuildRunner.Host;
using BuildRunner.Posix;

namespace BuildRunner.Identity;

/// <summary>
/// Gathers <see cref="NewIdMapFacts"/> from the running system: existence and the setuid bit through
/// <see cref="IFileSystem"/>, process facts from the credentials the host probe read, the owner through
/// <see cref="FileOwnership"/> (libc <c>statx</c>) and file capabilities through <see cref="ExtendedAttributes"/>.
/// </summary>
public sealed class NewIdMapProbe
{
    private readonly IFileSystem _fileSystem;
    private readonly ProcessCredentials _credentials;
    private readonly Func<string, long?> _ownerOf;
    private readonly Func<string, CapabilitySet?> _capabilitiesOf;

    /// <summary>Probes the real system through <paramref name="fileSystem"/> and libc, for a process with <paramref name="credentials"/>.</summary>
    public NewIdMapProbe(IFileSystem fileSystem, ProcessCredentials credentials)
        : this(fileSystem, credentials, OwnerOf, FileCapabilitiesOf)
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
    public static long? OwnerOf(string path) => FileOwnership.OwnerOf(path);

    /// <summary>The permitted file capabilities of <paramref name="path"/>, or null when it has none.</summary>
    /// <exception cref="IOException">The attribute could not be read for another reason.</exception>
    private static CapabilitySet? FileCapabilitiesOf(string path) =>
        ExtendedAttributes.ReadFileCapabilities(path) is ulong mask ? new CapabilitySet(mask) : null;
}
