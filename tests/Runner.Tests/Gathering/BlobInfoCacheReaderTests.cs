using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Gathering;

namespace BuildRunner.Tests.Gathering;

public class BlobInfoCacheReaderTests
{
    [Fact]
    public void A_missing_cache_folder_is_judged_by_the_nearest_folder_that_exists_since_buildah_makes_the_rest()
    {
        var fs = new MockFileSystem();
        fs.AddDirectory("/var/lib/containers");
        var asked = new List<string>();

        var facts = new BlobInfoCacheReader(fs, path => { asked.Add(path); return null; }).Read();

        Assert.True(facts.Writable);
        Assert.Equal("/var/lib/containers/cache", facts.Directory);
        Assert.Equal(["/var/lib/containers"], asked);
    }

    [Fact]
    public void A_folder_the_process_cannot_write_says_which_and_why()
    {
        var fs = new MockFileSystem();
        fs.AddDirectory("/var/lib");

        var facts = new BlobInfoCacheReader(fs, path => path == "/var/lib" ? "Read-only file system" : null).Read();

        Assert.False(facts.Writable);
        Assert.Equal("/var/lib: Read-only file system", facts.Problem);
    }

    [Fact]
    public void An_existing_cache_folder_is_asked_about_itself()
    {
        var fs = new MockFileSystem();
        fs.AddDirectory("/var/lib/containers/cache");

        var facts = new BlobInfoCacheReader(fs, path => path == "/var/lib/containers/cache" ? "Permission denied" : null).Read();

        Assert.Equal("Permission denied", facts.Problem);
    }

    [Fact]
    public void A_file_where_a_folder_should_be_is_named()
    {
        var fs = new MockFileSystem();
        fs.AddFile("/var/lib/containers", new MockFileData(""));

        Assert.Equal("/var/lib/containers is a file, not a folder", new BlobInfoCacheReader(fs, _ => null).Read().Problem);
    }
}
