using BuildRunner.Storage;

namespace BuildRunner.Tests.Storage;

public class StorageConfigurationTests
{
    private const string Header = "# Written by build-runner for one build; the image's /etc/containers/storage.conf is left as it is.\n";

    [Fact]
    public void Overlay_renders_the_overlay_driver_without_a_mount_program()
    {
        var text = new StorageConfiguration(StorageDriver.Overlay, "/var/lib/containers/storage", "/run/containers/storage").Render();

        Assert.Equal(
            Header
            + "[storage]\n"
            + "driver = \"overlay\"\n"
            + "graphroot = \"/var/lib/containers/storage\"\n"
            + "runroot = \"/run/containers/storage\"\n",
            text);
    }

    [Fact]
    public void Vfs_renders_the_vfs_driver()
    {
        var text = new StorageConfiguration(StorageDriver.Vfs, "/g", "/r").Render();

        Assert.Equal(Header + "[storage]\ndriver = \"vfs\"\ngraphroot = \"/g\"\nrunroot = \"/r\"\n", text);
    }

    [Fact]
    public void Fuse_overlayfs_renders_the_overlay_driver_with_its_mount_program()
    {
        var text = new StorageConfiguration(StorageDriver.FuseOverlayfs, "/g", "/r", "/usr/local/bin/fuse-overlayfs").Render();

        Assert.Equal(
            Header
            + "[storage]\ndriver = \"overlay\"\ngraphroot = \"/g\"\nrunroot = \"/r\"\n"
            + "\n[storage.options.overlay]\n"
            + "mount_program = \"/usr/local/bin/fuse-overlayfs\"\n",
            text);
    }

    [Fact]
    public void Fuse_overlayfs_without_a_known_binary_uses_usr_bin()
    {
        var text = new StorageConfiguration(StorageDriver.FuseOverlayfs, "/g", "/r").Render();

        Assert.Contains("mount_program = \"/usr/bin/fuse-overlayfs\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_fuse_overlayfs_has_an_options_table()
    {
        Assert.DoesNotContain("[storage.options", new StorageConfiguration(StorageDriver.Overlay, "/g", "/r", "/usr/bin/fuse-overlayfs").Render(), StringComparison.Ordinal);
        Assert.DoesNotContain("mount_program", new StorageConfiguration(StorageDriver.Vfs, "/g", "/r", "/usr/bin/fuse-overlayfs").Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_and_backslashes_in_paths_are_escaped_as_TOML_basic_strings()
    {
        var text = new StorageConfiguration(StorageDriver.FuseOverlayfs, "/data/my \"store\"", "/run/a\\b", "/opt/fuse \"x\"/fuse-overlayfs").Render();

        Assert.Contains("graphroot = \"/data/my \\\"store\\\"\"\n", text, StringComparison.Ordinal);
        Assert.Contains("runroot = \"/run/a\\\\b\"\n", text, StringComparison.Ordinal);
        Assert.Contains("mount_program = \"/opt/fuse \\\"x\\\"/fuse-overlayfs\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Spaces_and_unicode_in_paths_are_kept_as_they_are()
    {
        var text = new StorageConfiguration(StorageDriver.Vfs, "/mnt/build store/ünï", "/r").Render();

        Assert.Contains("graphroot = \"/mnt/build store/ünï\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_only_image_stores_render_as_additionalimagestores_before_the_overlay_options()
    {
        var text = new StorageConfiguration(StorageDriver.FuseOverlayfs, "/g", "/r", "/usr/bin/fuse-overlayfs") { ImageStores = ["/stores/base", "/stores/\"odd\""] }.Render();

        Assert.Equal(
            Header
            + "[storage]\ndriver = \"overlay\"\ngraphroot = \"/g\"\nrunroot = \"/r\"\n"
            + "\n[storage.options]\n"
            + "additionalimagestores = [\"/stores/base\", \"/stores/\\\"odd\\\"\"]\n"
            + "\n[storage.options.overlay]\n"
            + "mount_program = \"/usr/bin/fuse-overlayfs\"\n",
            text);
    }
}
