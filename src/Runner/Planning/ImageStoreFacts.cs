using BuildRunner.Storage;

namespace BuildRunner.Planning;

/// <summary>
/// How many images the store under the storage root already holds, per containers/storage driver, read from the
/// store's own index files (<c>overlay-images/images.json</c>, <c>vfs-images/images.json</c>) without starting buildah.
/// A store that holds images is a volume that outlived an earlier build; a fresh emptyDir holds none.
/// </summary>
/// <param name="OverlayImages">Images in the overlay store (native overlay and fuse-overlayfs share it).</param>
/// <param name="VfsImages">Images in the vfs store.</param>
public sealed record ImageStoreFacts(int OverlayImages, int VfsImages)
{
    /// <summary>A store that holds nothing (or does not exist yet).</summary>
    public static ImageStoreFacts Empty { get; } = new(0, 0);

    /// <summary>The images a build with <paramref name="driver"/> can reuse: those in that driver's store.</summary>
    public int ImagesFor(StorageDriver driver) => driver == StorageDriver.Vfs ? VfsImages : OverlayImages;
}
