using System.Collections.Immutable;

namespace BuildRunner.Failures;

/// <summary>
/// Every failure the runner can report, in one place: code, exit code, category and meaning. Planners, probes and
/// commands name an entry; none invents a code. The README's failure table is generated from <see cref="All"/>.
/// </summary>
public static class FailureCatalog
{
    /// <summary>The command line could not be understood.</summary>
    public static readonly FailureKind Usage = new("usage", ExitCodes.Usage, FailureCategory.Configuration,
        "the command line could not be understood");

    /// <summary>A setting's value is not one it takes.</summary>
    public static readonly FailureKind InvalidSetting = new("invalid-setting", ExitCodes.InvalidSettings, FailureCategory.Configuration,
        "a setting (annotation, flag, cluster defaults or overrides) has a value it does not take");

    /// <summary>An annotations, defaults or overrides file is not in the kubelet's format.</summary>
    public static readonly FailureKind MalformedAnnotations = new("malformed-annotations", ExitCodes.InvalidSettings, FailureCategory.Configuration,
        "an annotations, defaults or overrides file is not in the kubelet's key=\"value\" format");

    /// <summary>An annotations, defaults or overrides file exists and cannot be read.</summary>
    public static readonly FailureKind UnreadableAnnotations = new("unreadable-annotations", ExitCodes.InvalidSettings, FailureCategory.Configuration,
        "an annotations, defaults or overrides file exists but cannot be read");

    /// <summary>The <c>BUILD</c> variable is not an OpenShift Build object the runner can use.</summary>
    public static readonly FailureKind InvalidBuildObject = new("invalid-build-object", ExitCodes.InvalidSettings, FailureCategory.Configuration,
        "the BUILD variable is not JSON, or not a Build object the runner can use");

    /// <summary>The build context folder does not exist.</summary>
    public static readonly FailureKind ContextMissing = new("context-missing", ExitCodes.InvalidSettings, FailureCategory.Configuration,
        "the build context folder does not exist");

    /// <summary>There is no Containerfile to build.</summary>
    public static readonly FailureKind ContainerfileMissing = new("containerfile-missing", ExitCodes.InvalidSettings, FailureCategory.Configuration,
        "the Containerfile named does not exist, or the context holds neither a Containerfile nor a Dockerfile");

    /// <summary>A file named in <c>build-runner/secrets</c> is missing or unreadable.</summary>
    public static readonly FailureKind SecretMissing = new("secret-missing", ExitCodes.InvalidSettings, FailureCategory.Configuration,
        "a file named in build-runner/secrets does not exist or cannot be read");

    /// <summary>The build-args-file is missing, unreadable or has a line that is not NAME=VALUE.</summary>
    public static readonly FailureKind BuildArgsFileInvalid = new("build-args-file-invalid", ExitCodes.InvalidSettings, FailureCategory.Configuration,
        "the build-args-file does not exist, cannot be read, or has a line that is not NAME=VALUE");

    /// <summary>A named build context's folder does not exist.</summary>
    public static readonly FailureKind BuildContextMissing = new("build-context-missing", ExitCodes.InvalidSettings, FailureCategory.Configuration,
        "a folder named in build-runner/build-contexts does not exist");

    /// <summary>The Containerfile has an instruction buildah cannot parse.</summary>
    public static readonly FailureKind ContainerfileInvalid = new("containerfile-invalid", ExitCodes.InvalidSettings, FailureCategory.Configuration,
        "the Containerfile has an instruction buildah cannot parse");

    /// <summary>The registry credentials file is missing, unreadable or not JSON.</summary>
    public static readonly FailureKind AuthFileInvalid = new("authfile-invalid", ExitCodes.InvalidSettings, FailureCategory.Configuration,
        "the --authfile is missing, unreadable, or not a JSON auth file");

    /// <summary>Pushing is on and no output image is set.</summary>
    public static readonly FailureKind NoOutputImage = new("no-output-image", ExitCodes.InvalidSettings, FailureCategory.Configuration,
        "pushing is on and no output image is set");

    /// <summary>The result file cannot be written.</summary>
    public static readonly FailureKind ResultUnwritable = new("result-unwritable", ExitCodes.InvalidSettings, FailureCategory.Configuration,
        "the --result file cannot be written (its folder is missing or read-only)");

    /// <summary>The pod asked for a user namespace and has none.</summary>
    public static readonly FailureKind UserNamespaceMissing = new("user-namespace-missing", ExitCodes.UserNamespaceRequired, FailureCategory.Environment,
        "the pod asked for a user namespace and runs in the node's");

    /// <summary>The pod's user namespace maps container root to node root.</summary>
    public static readonly FailureKind UserNamespaceRootIsNodeRoot = new("user-namespace-root-is-node-root", ExitCodes.UserNamespaceRequired, FailureCategory.Environment,
        "the pod's user namespace maps container root to node root");

    /// <summary>The pod's user namespace maps too few IDs.</summary>
    public static readonly FailureKind UserNamespaceTooSmall = new("user-namespace-too-small", ExitCodes.UserNamespaceRequired, FailureCategory.Environment,
        "the pod's user namespace maps fewer IDs than the build needs");

    /// <summary>The build runs as node root (a warning).</summary>
    public static readonly FailureKind RootOnNode = new("root-on-node", ExitCodes.UserNamespaceRequired, FailureCategory.Environment,
        "warning: the build runs as root of the node's own user namespace");

    /// <summary>The pod lacks a capability the build needs.</summary>
    public static readonly FailureKind MissingCapability = new("missing-capability", ExitCodes.MissingCapability, FailureCategory.Environment,
        "the pod lacks a capability the build needs");

    /// <summary>The pod gives capabilities the build does not need and cannot take them away.</summary>
    public static readonly FailureKind CannotDropCapability = new("cannot-drop-capability", ExitCodes.MissingCapability, FailureCategory.Environment,
        "the pod gives capabilities the build does not need, and no CAP_SETPCAP to take them from buildah");

    /// <summary>A non-root pod user lacks subordinate IDs the runner cannot write.</summary>
    public static readonly FailureKind SubordinateIdsMissing = new("subordinate-ids-missing", ExitCodes.IdentityUnusable, FailureCategory.Environment,
        "a non-root pod user lacks subordinate IDs, and /etc/subuid or /etc/subgid is not writable");

    /// <summary>Another user's subordinate range overlaps the build user's (a warning).</summary>
    public static readonly FailureKind SubordinateIdsOverlap = new("subordinate-ids-overlap", ExitCodes.IdentityUnusable, FailureCategory.Environment,
        "warning: another user's subordinate range overlaps the build user's");

    /// <summary>newuidmap or newgidmap will not work for a rootless build.</summary>
    public static readonly FailureKind NewIdMapUnusable = new("newidmap-unusable", ExitCodes.IdentityUnusable, FailureCategory.Environment,
        "newuidmap or newgidmap is missing, or cannot gain the capability it needs");

    /// <summary>A passwd or group entry is needed and the file cannot be written.</summary>
    public static readonly FailureKind PasswdUnwritable = new("passwd-unwritable", ExitCodes.IdentityUnusable, FailureCategory.Environment,
        "the pod user has no /etc/passwd entry and the file cannot be written");

    /// <summary>The storage root cannot be created.</summary>
    public static readonly FailureKind StorageRootUnwritable = new("storage-root-unwritable", ExitCodes.StorageUnusable, FailureCategory.Environment,
        "the storage root cannot be created (no writable volume there)");

    /// <summary>No storage driver works.</summary>
    public static readonly FailureKind StorageUnusable = new("storage-unusable", ExitCodes.StorageUnusable, FailureCategory.Environment,
        "no storage driver works, or not the one asked for");

    /// <summary>Only vfs works (a warning).</summary>
    public static readonly FailureKind StorageSlow = new("storage-slow", ExitCodes.StorageUnusable, FailureCategory.Environment,
        "warning: only vfs works, which copies every layer");

    /// <summary>A read-only image store of image-stores cannot be used; base images are pulled instead.</summary>
    public static readonly FailureKind ImageStoreUnusable = new("image-store-unusable", ExitCodes.StorageUnusable, FailureCategory.Environment,
        "warning: a read-only image store is missing, unreadable, written under another ID mapping, or holds no images for the driver; base images are pulled instead");

    /// <summary>buildah cannot keep its blob-info cache, so pushes upload the base image's layers again (a warning).</summary>
    public static readonly FailureKind BlobInfoCacheUnwritable = new("blob-info-cache-unwritable", ExitCodes.StorageUnusable, FailureCategory.Environment,
        "warning: /var/lib/containers is not writable, so every push uploads the base image's layers again");

    /// <summary>The seccomp profile refuses what buildah needs.</summary>
    public static readonly FailureKind SeccompRefused = new("seccomp-refused", ExitCodes.SeccompRefused, FailureCategory.Environment,
        "the pod's seccomp profile refuses unshare, mount or umount2");

    /// <summary>The node refuses nested namespaces although seccomp allows them.</summary>
    public static readonly FailureKind NamespacesRefused = new("namespaces-refused", ExitCodes.NamespacesRefused, FailureCategory.Environment,
        "seccomp allows the calls, but the node still refuses a nested user and mount namespace");

    /// <summary>/proc cannot be read.</summary>
    public static readonly FailureKind ProcUnreadable = new("proc-unreadable", ExitCodes.Environment, FailureCategory.Environment,
        "/proc/self cannot be read or is not in the kernel's format");

    /// <summary>The runner's work folder cannot be made.</summary>
    public static readonly FailureKind TempUnwritable = new("temp-unwritable", ExitCodes.Environment, FailureCategory.Environment,
        "the work folder under TMPDIR (or /tmp) cannot be created");

    /// <summary>buildah cannot be started.</summary>
    public static readonly FailureKind BuildahMissing = new("buildah-missing", ExitCodes.Environment, FailureCategory.Environment,
        "buildah is not installed or cannot be started");

    /// <summary>buildah ran and the build failed.</summary>
    public static readonly FailureKind BuildFailed = new("build-failed", ExitCodes.BuildFailed, FailureCategory.Build,
        "buildah ran and failed: a Containerfile step or the context is at fault");

    /// <summary>The image was built and could not be pushed.</summary>
    public static readonly FailureKind PushFailed = new("push-failed", ExitCodes.PushFailed, FailureCategory.Push,
        "the image was built, and pushing it failed");

    /// <summary>The storage volume (or buildah's temporary folder) ran out of space.</summary>
    public static readonly FailureKind StorageFull = new("storage-full", ExitCodes.StorageUnusable, FailureCategory.Environment,
        "the storage volume (or buildah's temporary folder) ran out of space while building or pushing");

    /// <summary>A registry refused the credentials (HTTP 401 or 403).</summary>
    public static readonly FailureKind RegistryAuthRefused = new("registry-auth-refused", ExitCodes.PushFailed, FailureCategory.Registry,
        "a registry refused the credentials (401/403), pulling a base image or pushing; never retried");

    /// <summary>A registry could not be reached, or answered with a server error, after the retries.</summary>
    public static readonly FailureKind RegistryUnreachable = new("registry-unreachable", ExitCodes.PushFailed, FailureCategory.Registry,
        "a registry could not be reached or answered 5xx, after the retries, pulling a base image or pushing");

    /// <summary>TLS with a registry failed.</summary>
    public static readonly FailureKind RegistryTlsFailed = new("registry-tls-failed", ExitCodes.PushFailed, FailureCategory.Registry,
        "TLS with a registry failed: its certificate is not trusted or not valid for its name, or it serves plain HTTP");

    /// <summary>A base image cannot be found.</summary>
    public static readonly FailureKind BaseImageNotFound = new("base-image-not-found", ExitCodes.BuildFailed, FailureCategory.Build,
        "a base image cannot be found: no such repository, a short name that does not resolve, or not in the store with pull-policy never");

    /// <summary>The registry has no manifest for the tag or digest a base image names.</summary>
    public static readonly FailureKind ManifestUnknown = new("manifest-unknown", ExitCodes.BuildFailed, FailureCategory.Build,
        "a registry answered manifest unknown for a base image: it holds no such tag or digest (some registries say so of a missing repository too)");

    /// <summary>A RUN step exited with a non-zero status.</summary>
    public static readonly FailureKind RunStepFailed = new("run-step-failed", ExitCodes.BuildFailed, FailureCategory.Build,
        "a RUN step exited with a non-zero status (the message names the step, its status and its last lines)");

    /// <summary>A RUN step of a hermetic build tried to reach the network.</summary>
    public static readonly FailureKind HermeticNetworkUsed = new("hermetic-network-used", ExitCodes.BuildFailed, FailureCategory.Build,
        "a RUN step of a hermetic build failed reaching the network, which hermetic builds do not have (the message names the step)");

    /// <summary>Hermetic builds cannot run in this pod.</summary>
    public static readonly FailureKind HermeticUnavailable = new("hermetic-unavailable", ExitCodes.Environment, FailureCategory.Environment,
        "hermetic is on and the runner cannot make the build's network namespace here (doctor shows why)");

    /// <summary>The build was stopped by a signal.</summary>
    public static readonly FailureKind Cancelled = new("cancelled", ExitCodes.Cancelled, FailureCategory.Cancelled,
        "the build was stopped by SIGTERM or SIGINT (the pod was deleted or timed out)");

    /// <summary>A defect in the runner.</summary>
    public static readonly FailureKind Internal = new("internal", ExitCodes.Internal, FailureCategory.Internal,
        "a defect in the runner (the message carries a short id to report)");

    /// <summary>Every entry, in exit-code order.</summary>
    public static ImmutableArray<FailureKind> All { get; } =
    [
        .. new[]
        {
            Usage, InvalidSetting, MalformedAnnotations, UnreadableAnnotations, InvalidBuildObject, ContextMissing, ContainerfileMissing,
            ContainerfileInvalid, AuthFileInvalid, SecretMissing, BuildArgsFileInvalid, BuildContextMissing, NoOutputImage, ResultUnwritable, UserNamespaceMissing, UserNamespaceRootIsNodeRoot, UserNamespaceTooSmall, RootOnNode,
            MissingCapability, CannotDropCapability, SubordinateIdsMissing, SubordinateIdsOverlap, NewIdMapUnusable, PasswdUnwritable,
            StorageRootUnwritable, StorageUnusable, StorageSlow, ImageStoreUnusable, BlobInfoCacheUnwritable, SeccompRefused, NamespacesRefused, ProcUnreadable, TempUnwritable,
            BuildahMissing, BuildFailed, PushFailed, Cancelled, Internal,
            RunStepFailed, HermeticNetworkUsed, HermeticUnavailable, BaseImageNotFound, ManifestUnknown, StorageFull, RegistryAuthRefused, RegistryUnreachable, RegistryTlsFailed,
        }.OrderBy(k => k.ExitCode),
    ];

    /// <summary>The failure table for the README: exit code, code, category, meaning.</summary>
    public static string Table()
    {
        var text = new System.Text.StringBuilder("| exit | code | category | meaning |\n| --- | --- | --- | --- |\n");
        foreach (var kind in All)
        {
            text.Append("| ").Append(kind.ExitCode).Append(" | `").Append(kind.Code).Append("` | ").Append(kind.Category.ToName())
                .Append(" | ").Append(kind.Meaning).Append(" |\n");
        }
        return text.ToString();
    }
}
