namespace BuildRunner.Failures;

/// <summary>
/// Process exit codes. Distinct codes let a pod owner (and a controller reading the pod status)
/// tell a broken Containerfile from a misconfigured pod without reading logs.
/// </summary>
public static class ExitCodes
{
    /// <summary>The build (and push, if asked) succeeded; for <c>doctor</c>, the verdict is not blocked.</summary>
    public const int Success = 0;

    /// <summary>buildah ran and failed: the Containerfile or the context is at fault.</summary>
    public const int BuildFailed = 1;

    /// <summary>The command line could not be understood.</summary>
    public const int Usage = 2;

    /// <summary>A setting (annotation, flag, defaults or overrides file, <c>BUILD</c> object) is malformed or invalid.</summary>
    public const int InvalidSettings = 3;

    /// <summary>The pod's user namespace is missing (when asked for), maps node root, or maps too few IDs.</summary>
    public const int UserNamespaceRequired = 4;

    /// <summary>The pod lacks a capability the build needs.</summary>
    public const int MissingCapability = 5;

    /// <summary>Subordinate IDs, passwd entries or newuidmap/newgidmap cannot support a rootless build.</summary>
    public const int IdentityUnusable = 6;

    /// <summary>No storage driver works, or the one asked for does not.</summary>
    public const int StorageUnusable = 7;

    /// <summary>
    /// A registry failed the build: the image was built but could not be pushed, or a registry refused the credentials,
    /// failed TLS or could not be reached, whether pulling a base image or pushing (the message says which). Either way
    /// the Containerfile is not at fault: credentials, network or certificates are.
    /// </summary>
    public const int PushFailed = 8;

    /// <summary>
    /// The pod's seccomp profile refuses what buildah needs (a user and mount namespace, mounting inside it):
    /// the pod must run under deploy/seccomp/build-runner.json (or a profile that allows the same).
    /// </summary>
    public const int SeccompRefused = 9;

    /// <summary>
    /// The seccomp profile allows what buildah needs, but the node still refuses a nested user and mount namespace
    /// (the pod's <c>user.max_user_namespaces</c>, an AppArmor or SELinux policy).
    /// </summary>
    public const int NamespacesRefused = 10;

    /// <summary>The pod lacks a tool or a folder the runner needs: a readable /proc, a writable TMPDIR, buildah.</summary>
    public const int Environment = 11;

    /// <summary>The runner was told to stop (SIGTERM or SIGINT) and stopped buildah.</summary>
    public const int Cancelled = 143;

    /// <summary>Something the runner did not expect: a defect in the runner, and nothing else.</summary>
    public const int Internal = 70;
}
