using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Gathering;

namespace BuildRunner.Tests.Gathering;

public class SharedStoreReaderTests
{
    private const string Index = """
        [{"id":"9f527079459fb5ba9de75bca84d8b0b2642bb4be7042015378483c343aba3141","names":["registry.example/base/debian:12","registry.example/base/debian:latest"]},
         {"id":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}]
        """;

    [Fact]
    public void A_store_written_under_this_mapping_is_readable_mapped_and_lists_its_image_names_per_driver()
    {
        var files = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/stores/base/overlay-images/images.json"] = new(Index),
            ["/stores/base/vfs-images/images.json"] = new("[]"),
        });

        var store = Assert.Single(new SharedStoreReader(files, _ => 0).Read(["/stores/base"]));

        Assert.True(store.Exists);
        Assert.Null(store.Error);
        Assert.True(store.OwnersMapped);
        Assert.Equal(["registry.example/base/debian:12", "registry.example/base/debian:latest", "(unnamed) 0123456789ab"], store.OverlayImages.AsEnumerable());
        Assert.Empty(store.VfsImages);
    }

    [Fact]
    public void A_store_owned_by_the_overflow_ID_is_one_whose_owners_do_not_map()
    {
        var files = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/stores/base/overlay-images/images.json"] = new(Index),
            [SharedStoreReader.OverflowUidPath] = new("65534\n"),
        });

        var store = Assert.Single(new SharedStoreReader(files, _ => 65534).Read(["/stores/base"]));

        Assert.Equal(65534, store.OverflowUid);
        Assert.Equal(65534, store.Owner);
        Assert.False(store.OwnersMapped);
    }

    [Fact]
    public void The_overflow_ID_is_the_kernels_when_it_says_another()
    {
        var files = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/stores/base/overlay-images/images.json"] = new("[]"),
            [SharedStoreReader.OverflowUidPath] = new("4294967294\n"),
        });

        var store = Assert.Single(new SharedStoreReader(files, _ => 65534).Read(["/stores/base"]));

        Assert.True(store.OwnersMapped);
    }

    [Fact]
    public void A_missing_store_and_a_file_are_named_as_such_and_hold_nothing()
    {
        var files = new MockFileSystem(new Dictionary<string, MockFileData> { ["/stores/file"] = new("x") });

        var stores = new SharedStoreReader(files, _ => 0).Read(["/stores/missing", "/stores/file"]);

        Assert.Equal([(false, "the folder does not exist"), (false, "it is a file, not a folder")], stores.Select(s => (s.Exists, s.Error)));
        Assert.All(stores, s => Assert.Empty(s.OverlayImages));
    }

    [Fact]
    public void An_index_that_is_not_JSON_makes_the_store_unreadable_with_the_reason()
    {
        var files = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/stores/base/overlay-images/images.json"] = new("{half"),
        });

        var store = Assert.Single(new SharedStoreReader(files, _ => 0).Read(["/stores/base"]));

        Assert.True(store.Exists);
        Assert.NotNull(store.Error);
    }
}
