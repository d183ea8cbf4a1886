namespace BuildRunner.Identity;

/// <summary>The identity files as read from the pod's image (missing files read as empty).</summary>
/// <param name="Passwd">/etc/passwd.</param>
/// <param name="Group">/etc/group.</param>
/// <param name="SubUid">/etc/subuid.</param>
/// <param name="SubGid">/etc/subgid.</param>
public sealed record IdentityFiles(string Passwd, string Group, SubIdFile SubUid, SubIdFile SubGid)
{
    /// <summary>/etc/passwd.</summary>
    public const string PasswdPath = "/etc/passwd";

    /// <summary>/etc/group.</summary>
    public const string GroupPath = "/etc/group";

    /// <summary>/etc/subuid.</summary>
    public const string SubUidPath = "/etc/subuid";

    /// <summary>/etc/subgid.</summary>
    public const string SubGidPath = "/etc/subgid";
}
