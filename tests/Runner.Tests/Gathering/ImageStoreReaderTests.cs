using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Gathering;
using BuildRunner.Planning;
using BuildRunner.Storage;

namespace BuildRunner.Tests.Gathering;

public class ImageStoreReaderTests
{
    private const string Root = "/var/lib/containers/storage";

    // The shape containers/storage writes (abridged from a store buildah 1.28 left behind in the sandbox).
    private const string TwoImages =
        """[{"id":"e623f6e9","digest":"sha256:a5bb","names":["127.0.0.1:5000/base/busybox:latest"],"layer":"d724441e","created":"2026-11-28T11:23:29Z"},"""
        + """{"id":"16d3f294","digest":"sha256:b2d9","layer":"9deffa11","created":"2026-11-28T11:23:31Z"}]""";

    [Fact]
    public void A_store_that_does_not_exist_yet_holds_no_images()
    {
        Assert.Equal(ImageStoreFacts.Empty, new ImageStoreReader(new MockFileSystem()).Read(Root));
    }

    [Fact]
    public void Each_drivers_index_is_counted_for_that_driver()
    {
        var fs = new MockFileSystem();
        fs.AddFile($"{Root}/overlay-images/images.json", new MockFileData(TwoImages));
        fs.AddFile($"{Root}/vfs-images/images.json", new MockFileData("[]"));

        var store = new ImageStoreReader(fs).Read(Root);

        Assert.Equal(new ImageStoreFacts(2, 0), store);
        Assert.Equal(2, store.ImagesFor(StorageDriver.Overlay));
        Assert.Equal(2, store.ImagesFor(StorageDriver.FuseOverlayfs));
        Assert.Equal(0, store.ImagesFor(StorageDriver.Vfs));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"not\":\"an array\"}")]
    [InlineData("[{\"id\":\"e623f6e9\",")]
    public void An_index_that_is_empty_or_not_an_array_counts_as_no_images(string content)
    {
        var fs = new MockFileSystem();
        fs.AddFile($"{Root}/vfs-images/images.json", new MockFileData(content));

        Assert.Equal(ImageStoreFacts.Empty, new ImageStoreReader(fs).Read(Root));
    }

    [Fact]
    public void The_scratch_stores_of_the_storage_probe_below_the_root_do_not_count()
    {
        var fs = new MockFileSystem();
        fs.AddFile($"{Root}/probe-overlay/overlay-images/images.json", new MockFileData(TwoImages));

        Assert.Equal(ImageStoreFacts.Empty, new ImageStoreReader(fs).Read(Root));
    }
}
