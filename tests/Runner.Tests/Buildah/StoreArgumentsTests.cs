using BuildRunner.Buildah;
using BuildRunner.Storage;

namespace BuildRunner.Tests.Buildah;

public sealed class StoreArgumentsTests
{
    [Fact]
    public void Native_overlay_names_the_store_and_an_explicit_option_so_rootless_buildah_cannot_pick_a_mount_program()
    {
        var args = StoreArguments.For(new StorageConfiguration(StorageDriver.Overlay, "/var/lib/containers/storage", "/tmp/run"));

        Assert.Equal(
            ["--root", "/var/lib/containers/storage", "--runroot", "/tmp/run", "--storage-driver", "overlay", "--storage-opt", "overlay.mountopt=nodev"],
            args.AsEnumerable());
    }

    [Fact]
    public void Fuse_overlayfs_is_the_overlay_driver_with_its_mount_program()
    {
        var args = StoreArguments.For(new StorageConfiguration(StorageDriver.FuseOverlayfs, "/g", "/r", "/usr/local/bin/fuse-overlayfs"));

        Assert.Equal(
            ["--root", "/g", "--runroot", "/r", "--storage-driver", "overlay", "--storage-opt", "overlay.mount_program=/usr/local/bin/fuse-overlayfs"],
            args.AsEnumerable());
    }

    [Fact]
    public void Vfs_takes_no_driver_options()
    {
        var args = StoreArguments.For(new StorageConfiguration(StorageDriver.Vfs, "/g", "/r"));

        Assert.Equal(["--root", "/g", "--runroot", "/r", "--storage-driver", "vfs"], args.AsEnumerable());
    }

    [Fact]
    public void Read_only_image_stores_are_named_as_driver_options_since_any_storage_opt_replaces_storage_confs()
    {
        var overlay = StoreArguments.For(new StorageConfiguration(StorageDriver.Overlay, "/g", "/r") { ImageStores = ["/s/a", "/s/b"] });
        var vfs = StoreArguments.For(new StorageConfiguration(StorageDriver.Vfs, "/g", "/r") { ImageStores = ["/s/a"] });

        Assert.Equal(["--storage-opt", "overlay.mountopt=nodev", "--storage-opt", "overlay.imagestore=/s/a", "--storage-opt", "overlay.imagestore=/s/b"], overlay.Skip(6));
        Assert.Equal(["--storage-opt", "vfs.imagestore=/s/a"], vfs.Skip(6));
    }
}
