namespace BuildRunner.Reporting;

/// <summary>The user namespace as the result file and the doctor report show it.</summary>
/// <param name="InUserNamespace">Whether the process is in a user namespace.</param>
/// <param name="HostUidOfRoot">The node's UID for container root (0 outside a user namespace).</param>
/// <param name="Size">How many UIDs are mapped.</param>
public sealed record UserNamespaceReport(bool InUserNamespace, long? HostUidOfRoot, long Size)
{
    /// <summary>The ID maps as <c>[inside, outside, count]</c>; only in the doctor report.</summary>
    public IReadOnlyList<long[]>? UidMap { get; init; }

    /// <summary>The GID map, likewise.</summary>
    public IReadOnlyList<long[]>? GidMap { get; init; }

    /// <summary>Builds the report of <paramref name="ns"/>.</summary>
    public static UserNamespaceReport Of(Host.UserNamespace ns, bool withMaps = false)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return new UserNamespaceReport(ns.InUserNamespace, ns.HostUidOfRoot, ns.Size)
        {
            UidMap = withMaps ? ns.UidMap.ToTriples() : null,
            GidMap = withMaps ? ns.GidMap.ToTriples() : null,
        };
    }
}
