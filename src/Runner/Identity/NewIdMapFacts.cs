using BuildRunner.Host;

namespace BuildRunner.Identity;

/// <summary>What decides whether one of newuidmap/newgidmap can write a nested namespace's ID map for this process.</summary>
/// <param name="Path">Where the binary was looked for.</param>
/// <param name="MapsGroups">False for newuidmap, true for newgidmap.</param>
/// <param name="Exists">Whether the file exists.</param>
/// <param name="OwnerUid">The file's owner (as this namespace sees it), or null when unknown.</param>
/// <param name="SetUid">Whether the file has the setuid bit.</param>
/// <param name="FileCapabilities">The permitted set of its file capabilities, or null when it has none.</param>
/// <param name="NoNewPrivileges">Whether the process has no-new-privileges set (<c>NoNewPrivs: 1</c>).</param>
/// <param name="EffectiveCapabilities">The process's effective set (<c>CapEff</c>).</param>
/// <param name="BoundingCapabilities">The process's bounding set (<c>CapBnd</c>): the most any exec can gain.</param>
/// <param name="IsRoot">Whether the process runs with effective UID 0.</param>
public sealed record NewIdMapFacts(
    string Path,
    bool MapsGroups,
    bool Exists,
    long? OwnerUid,
    bool SetUid,
    CapabilitySet? FileCapabilities,
    bool NoNewPrivileges,
    CapabilitySet EffectiveCapabilities,
    CapabilitySet BoundingCapabilities,
    bool IsRoot)
{
    /// <summary><c>newuidmap</c> or <c>newgidmap</c>.</summary>
    public string Tool => MapsGroups ? "newgidmap" : "newuidmap";

    /// <summary><c>uid_map</c> or <c>gid_map</c>: the file the tool writes.</summary>
    public string MapFile => MapsGroups ? "gid_map" : "uid_map";

    /// <summary>The capability the tool needs: <c>CAP_SETGID</c> or <c>CAP_SETUID</c>.</summary>
    public string NeededCapability => MapsGroups ? "CAP_SETGID" : "CAP_SETUID";
}
