namespace BuildRunner.Storage;

/// <summary>A way to store image layers.</summary>
public enum StorageDriver
{
    /// <summary>The kernel's overlay filesystem, mounted directly (in a user namespace: kernel 5.11 and later).</summary>
    Overlay,

    /// <summary>The overlay driver with fuse-overlayfs as its mount program; needs /dev/fuse.</summary>
    FuseOverlayfs,

    /// <summary>Plain copies of every layer: always works, slowest and largest.</summary>
    Vfs,
}
