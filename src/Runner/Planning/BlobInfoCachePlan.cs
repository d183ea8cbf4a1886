using BuildRunner.Settings;

namespace BuildRunner.Planning;

/// <summary>
/// Where buildah keeps its blob-info cache, which makes a push skip the layers the registry already holds (the base
/// image's, mounted from the repository they were pulled from): it must be on disk, and the same file for the build
/// and the push. Root of the pod's namespace: containers/image's fixed <see cref="BlobInfoCacheFacts.SystemDirectory"/>,
/// on the pod's storage volume when that is mounted at <c>/var/lib/containers</c>. A non-root pod user: buildah uses
/// <c>$XDG_DATA_HOME/containers/cache</c>, and the runner points <c>XDG_DATA_HOME</c> into the storage root, which it
/// knows is writable and lasts for the whole run (the user's home may be on a read-only root file system).
/// </summary>
/// <param name="Directory">The cache folder buildah uses.</param>
/// <param name="DataHome">The <c>XDG_DATA_HOME</c> buildah is given, or null when it is not set (root).</param>
/// <param name="Writable">Whether buildah can keep the cache there.</param>
public sealed record BlobInfoCachePlan(string Directory, string? DataHome, bool Writable)
{
    /// <summary>The folder under the storage root that a non-root build's <c>XDG_DATA_HOME</c> points to.</summary>
    public const string DataHomeName = "data-home";

    /// <summary>The cache for a build in <paramref name="mode"/> with its store at <paramref name="storageRoot"/>.</summary>
    public static BlobInfoCachePlan For(IdentityMode mode, string storageRoot, BlobInfoCacheFacts system)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (mode == IdentityMode.NonRootUser)
        {
            var dataHome = Path.Combine(storageRoot, DataHomeName);
            return new BlobInfoCachePlan(Path.Combine(dataHome, "containers", "cache"), dataHome, Writable: true);
        }
        return new BlobInfoCachePlan(system.Directory, null, system.Writable);
    }

    /// <summary>The warning for a cache buildah cannot keep, when the build pushes; else nothing.</summary>
    public static IEnumerable<Problem> Problems(BlobInfoCachePlan cache, BlobInfoCacheFacts system, bool push)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(system);
        if (cache.Writable || !push)
        {
            yield break;
        }
        yield return FailureCatalog.BlobInfoCacheUnwritable.Warns(
            $"buildah keeps the record of which layers a registry already holds in {cache.Directory}, and cannot write there ({system.Problem}): "
            + "every push compresses and uploads the base image's layers again instead of reusing them",
            $"mount the storage volume (an emptyDir) at /var/lib/containers, not only at the storage root ({SettingsCatalog.StorageRoot.AnnotationKey}), or make /var/lib/containers writable in the image");
    }
}
