using System.Collections.Immutable;
using BuildRunner.Storage;

namespace BuildRunner.Buildah;

/// <summary>
/// buildah's global storage flags for a configuration. The storage.conf the runner writes is not enough on its
/// own: rootless buildah ignores its graphroot and driver options (it uses the user's home and, where
/// fuse-overlayfs is installed, that as overlay's mount program), so the store is also named on the command line.
/// Any <c>--storage-opt</c> replaces every driver option storage.conf gave, <c>additionalimagestores</c> included
/// (containers/storage turns those into <c>DRIVER.imagestore</c> options), so the read-only stores are named here too.
/// </summary>
public static class StoreArguments
{
    /// <summary><c>--root</c>, <c>--runroot</c>, <c>--storage-driver</c> and the driver's options.</summary>
    public static ImmutableArray<string> For(StorageConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var args = ImmutableArray.CreateBuilder<string>();
        args.AddRange("--root", configuration.GraphRoot, "--runroot", configuration.RunRoot);
        args.AddRange("--storage-driver", configuration.Driver == StorageDriver.Vfs ? "vfs" : "overlay");
        if (configuration.Driver == StorageDriver.FuseOverlayfs)
        {
            // The mount program alone: buildah 1.28 also hands mountopt to its native-overlay check, which rejects
            // fuse-overlayfs's own options such as fsync=0.
            args.AddRange("--storage-opt", "overlay.mount_program=" + (configuration.FuseOverlayfsPath ?? "/usr/bin/fuse-overlayfs"));
        }
        else if (configuration.Driver == StorageDriver.Overlay)
        {
            // Any explicit option keeps rootless buildah from choosing fuse-overlayfs as its mount program itself.
            args.AddRange("--storage-opt", "overlay.mountopt=nodev");
        }
        var driver = configuration.Driver == StorageDriver.Vfs ? "vfs" : "overlay";
        foreach (var store in configuration.ImageStores)
        {
            args.AddRange("--storage-opt", $"{driver}.imagestore={store}");
        }
        return args.ToImmutable();
    }
}
