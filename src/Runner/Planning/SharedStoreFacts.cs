using System.Collections.Immutable;
using BuildRunner.Storage;

namespace BuildRunner.Planning;

/// <summary>
/// One read-only image store of the <c>image-stores</c> setting as the pod sees it: whether it can be read, the images
/// its containers/storage index names per driver, and who owns it. Not to be confused with <see cref="ImageStoreFacts"/>,
/// which counts the images of the build's own (writable) store.
/// </summary>
/// <param name="Path">The store's graph root, as given.</param>
/// <param name="Exists">Whether the folder exists.</param>
/// <param name="Error">Why it cannot be read, or null when it can.</param>
/// <param name="Owner">The UID owning the folder as this user namespace sees it, or null when it cannot be told.</param>
/// <param name="OverflowUid">The UID the kernel shows for an owner this namespace does not map (<c>/proc/sys/kernel/overflowuid</c>, 65534).</param>
/// <param name="OverlayImages">The names of the images in its overlay store (an unnamed image by its short ID).</param>
/// <param name="VfsImages">The names of the images in its vfs store.</param>
public sealed record SharedStoreFacts(
    string Path,
    bool Exists,
    string? Error,
    long? Owner,
    long OverflowUid,
    ImmutableArray<string> OverlayImages,
    ImmutableArray<string> VfsImages)
{
    /// <summary>Whether the folder's owner maps inside this namespace: the overflow UID means it was written under another ID mapping.</summary>
    public bool OwnersMapped => Owner is long owner && owner != OverflowUid;

    /// <summary>The images a build with <paramref name="driver"/> can take from the store.</summary>
    public ImmutableArray<string> ImagesFor(StorageDriver driver) => driver == StorageDriver.Vfs ? VfsImages : OverlayImages;
}
