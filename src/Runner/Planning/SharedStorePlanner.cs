using System.Collections.Immutable;
using BuildRunner.Settings;
using BuildRunner.Storage;

namespace BuildRunner.Planning;

/// <summary>
/// Decides which read-only image stores buildah gets. A store buildah could not read would end the build ("permission
/// denied" opening its index) where pulling the base would have worked, so only a store that is readable, owned by an
/// ID this namespace maps and holding images for the build's driver is used; any other is a warning naming the fix.
/// </summary>
public static class SharedStorePlanner
{
    /// <summary>One verdict per store, in the order given.</summary>
    public static ImmutableArray<SharedStoreVerdict> Decide(ImmutableArray<SharedStoreFacts> stores, StorageDriver driver) =>
        [.. stores.Select(s => Decide(s, driver))];

    /// <summary>The warnings for the stores that are not used.</summary>
    public static IEnumerable<Problem> Problems(ImmutableArray<SharedStoreVerdict> verdicts) =>
        verdicts.Where(v => !v.Used).Select(v => FailureCatalog.ImageStoreUnusable.Warns(
            $"the image store \"{v.Store.Path}\" ({SettingsCatalog.ImageStores.AnnotationKey}) is not used: {v.Reason}; base images are pulled instead",
            v.Fix ?? ""));

    private static SharedStoreVerdict Decide(SharedStoreFacts store, StorageDriver driver)
    {
        var driverName = driver == StorageDriver.Vfs ? "vfs" : "overlay";
        var otherName = driver == StorageDriver.Vfs ? "overlay" : "vfs";
        if (!store.Exists)
        {
            return new(store, false, store.Error ?? "the folder does not exist",
                $"mount the store there read-only (a hostPath filled by build-runner prefetch), or remove it from {SettingsCatalog.ImageStores.AnnotationKey}");
        }
        if (store.Owner is not null && !store.OwnersMapped)
        {
            return new(store, false,
                $"its files are owned by IDs this pod's user namespace does not map (they show as the overflow ID {store.OverflowUid}): it was written under another ID mapping and is mounted without ID mapping",
                "mount the volume ID-mapped (hostUsers: false on Kubernetes 1.30+ with containerd 2.0+ or CRI-O 1.25+, a kernel and file system with idmapped mounts: 5.12+, tmpfs 6.3+), or fill the store with build-runner prefetch in a pod with this pod's ID mapping");
        }
        if (store.Error is string error)
        {
            return new(store, false, $"it cannot be read: {error}",
                "make the store readable by the pod's root (the store build-runner prefetch writes is), and mount it readOnly");
        }
        var images = store.ImagesFor(driver);
        if (images.IsEmpty)
        {
            var other = driver == StorageDriver.Vfs ? store.OverlayImages : store.VfsImages;
            return new(store, false,
                other.IsEmpty
                    ? $"it holds no images"
                    : $"it holds {other.Length} image(s) for the {otherName} driver and none for {driverName}, which this build uses",
                $"fill it with build-runner prefetch --storage-root {store.Path} --storage-driver {driverName} IMAGE...");
        }
        return new(store, true, $"{images.Length} image(s) for {driverName}: {string.Join(", ", images)}", null);
    }
}
