namespace BuildRunner.Host;

/// <summary>What the runner found out about the user namespace it runs in.</summary>
/// <param name="UidMap">The process's UID map.</param>
/// <param name="GidMap">The process's GID map.</param>
public sealed record UserNamespace(IdMap UidMap, IdMap GidMap)
{
    /// <summary>True when the process is not in the node's initial user namespace.</summary>
    public bool InUserNamespace => !UidMap.IsIdentity;

    /// <summary>The node's UID for container root, or null when root is not mapped.</summary>
    public long? HostUidOfRoot => UidMap.ToOutside(0);

    /// <summary>How many UIDs the namespace maps.</summary>
    public long Size => UidMap.Size;
}
