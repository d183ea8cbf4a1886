using System.Text.Json.Serialization;

namespace BuildRunner.Storage;

/// <summary>A way to store image layers. In JSON (the probe memo) by the names settings use.</summary>
public enum StorageDriver
{
    /// <summary>The kernel's overlay filesystem, mounted directly (in a user namespace: kernel 5.11 and later).</summary>
    [JsonStringEnumMemberName("overlay")]
    Overlay,

    /// <summary>The overlay driver with fuse-overlayfs as its mount program; needs /dev/fuse.</summary>
    [JsonStringEnumMemberName("fuse-overlayfs")]
    FuseOverlayfs,

    /// <summary>Plain copies of every layer: always works, slowest and largest.</summary>
    [JsonStringEnumMemberName("vfs")]
    Vfs,
}

/// <summary>The names drivers have in settings and reports.</summary>
public static class StorageDriverNames
{
    /// <summary>The order <c>auto</c> tries drivers in: fastest first.</summary>
    public static IReadOnlyList<StorageDriver> AutoOrder { get; } = [StorageDriver.Overlay, StorageDriver.FuseOverlayfs, StorageDriver.Vfs];

    /// <summary><c>overlay</c>, <c>fuse-overlayfs</c> or <c>vfs</c>.</summary>
    public static string ToName(this StorageDriver driver) => driver switch
    {
        StorageDriver.Overlay => "overlay",
        StorageDriver.FuseOverlayfs => "fuse-overlayfs",
        StorageDriver.Vfs => "vfs",
        _ => throw new ArgumentOutOfRangeException(nameof(driver)),
    };

    /// <summary>The driver named <paramref name="name"/>, or null for <c>auto</c>.</summary>
    public static StorageDriver? Parse(string name) => name switch
    {
        "overlay" => StorageDriver.Overlay,
        "fuse-overlayfs" => StorageDriver.FuseOverlayfs,
        "vfs" => StorageDriver.Vfs,
        "auto" => null,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a storage driver"),
    };
}
