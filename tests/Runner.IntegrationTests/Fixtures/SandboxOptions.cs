namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>How the sandbox pod is shaped (see hack/sandbox.sh).</summary>
public sealed record SandboxOptions
{
    /// <summary>Run as this UID inside (a non-root pod user), or as root of the namespace when null.</summary>
    public int? User { get; init; }

    /// <summary>A setpriv --bounding-set specification, such as <c>-all,+setuid</c>.</summary>
    public string? Bounding { get; init; }

    /// <summary>Set no_new_privs (allowPrivilegeEscalation: false).</summary>
    public bool NoNewPrivileges { get; init; }

    /// <summary>How many IDs the namespace maps, when not the default 65536.</summary>
    public int? Size { get; init; }

    /// <summary>Give the non-root user setuid-root newuidmap/newgidmap (as Debian ships them) instead of file capabilities.</summary>
    public bool SetuidNewUidMap { get; init; }

    /// <summary>Container root's node UID/GID when not <see cref="Sandbox.HostUidOfRoot"/>: another pod's ID mapping.</summary>
    public long? HostBase { get; init; }

    /// <summary>Node folders bound read-only inside (node path, path inside), like hostPath volumes with readOnly: true, not ID-mapped.</summary>
    public IReadOnlyList<(string Node, string Inside)> ReadOnlyBinds { get; init; } = [];

    /// <summary>
    /// No storage volume at /var/lib/containers, which is then empty and read-only (a pod whose volume is mounted
    /// elsewhere, with a read-only root file system): builds must be given <c>--storage-root</c> under <see cref="Sandbox.Volume"/>.
    /// </summary>
    public bool NoContainersVolume { get; init; }
}
