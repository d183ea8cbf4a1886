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
}
