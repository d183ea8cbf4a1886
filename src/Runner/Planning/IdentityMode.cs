namespace BuildRunner.Planning;

/// <summary>Who the runner is, which decides how buildah runs.</summary>
public enum IdentityMode
{
    /// <summary>euid 0 with a non-identity UID map: buildah runs as root of the namespace; nothing on the node is root.</summary>
    RootOfUserNamespace,

    /// <summary>A non-root user (for example runAsUser 1000 with hostUsers: false): buildah runs rootless through newuidmap.</summary>
    NonRootUser,

    /// <summary>euid 0 in the node's own user namespace: root on the node. Works, but is what this product exists to avoid.</summary>
    NodeRoot,
}

/// <summary>Report names of <see cref="IdentityMode"/>.</summary>
public static class IdentityModeNames
{
    /// <summary><c>root-of-user-namespace</c>, <c>non-root-user</c> or <c>node-root</c>.</summary>
    public static string ToName(this IdentityMode mode) => mode switch
    {
        IdentityMode.RootOfUserNamespace => "root-of-user-namespace",
        IdentityMode.NonRootUser => "non-root-user",
        IdentityMode.NodeRoot => "node-root",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };
}
