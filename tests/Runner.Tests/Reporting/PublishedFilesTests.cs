using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Reporting;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Reporting;

public class PublishedFilesTests
{
    private const string Digest = "sha256:6d7c63a2b80b616cc69697fe04a96e241f0aca873ddfb084efbc077932ff49d6";

    private static BuildSettings Settings(params (string Name, string Value)[] values) =>
        BuildSettings.From(SettingsResolver.Resolve(
        [
            new SettingLayer(SettingSource.Flag, "test", values.ToDictionary(v => SettingDefinition.AnnotationPrefix + v.Name, v => v.Value, StringComparer.Ordinal)),
        ]));

    private static readonly BuildSettings AllThree = Settings(
        ("digest-file", "/tekton/results/IMAGE_DIGEST"),
        ("image-ref-file", "/tekton/results/IMAGE_URL"),
        ("image-size-file", "/tekton/results/shp-image-size"));

    [Fact]
    public void Each_file_holds_its_value_with_no_newline_and_no_temporary_file_is_left()
    {
        var fs = new MockFileSystem();
        fs.AddDirectory("/tekton/results");

        new PublishedFiles(fs).Write(AllThree, new PublishedImage("docker://registry:5000/team/app:v1", Digest, 596));

        Assert.Equal(Digest, fs.File.ReadAllText("/tekton/results/IMAGE_DIGEST"));
        Assert.Equal($"registry:5000/team/app@{Digest}", fs.File.ReadAllText("/tekton/results/IMAGE_URL"));
        Assert.Equal("596", fs.File.ReadAllText("/tekton/results/shp-image-size"));
        Assert.Equal(["/tekton/results/IMAGE_DIGEST", "/tekton/results/IMAGE_URL", "/tekton/results/shp-image-size"],
            fs.Directory.GetFiles("/tekton/results").Select(f => f.Replace('\\', '/')).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_size_leaves_the_size_file_absent_and_writes_the_others()
    {
        var fs = new MockFileSystem();

        new PublishedFiles(fs).Write(AllThree, new PublishedImage("registry:5000/team/app:v1", Digest, null));

        Assert.True(fs.File.Exists("/tekton/results/IMAGE_DIGEST"));
        Assert.False(fs.File.Exists("/tekton/results/shp-image-size"));
    }

    [Fact]
    public void Files_an_earlier_run_left_are_removed_at_the_start_and_files_not_named_are_left_alone()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/tekton/results/IMAGE_DIGEST"] = new("sha256:stale"),
            ["/tekton/results/shp-image-size"] = new("1"),
            ["/tekton/results/other"] = new("keep"),
        });

        new PublishedFiles(fs).RemoveStale(AllThree);

        Assert.False(fs.File.Exists("/tekton/results/IMAGE_DIGEST"));
        Assert.False(fs.File.Exists("/tekton/results/shp-image-size"));
        Assert.Equal("keep", fs.File.ReadAllText("/tekton/results/other"));
    }

    [Fact]
    public void No_file_named_means_nothing_written()
    {
        var fs = new MockFileSystem();

        new PublishedFiles(fs).Write(Settings(), new PublishedImage("registry:5000/team/app:v1", Digest, 596));

        Assert.Empty(fs.AllFiles);
    }

    [Fact]
    public void A_file_that_cannot_be_written_fails_as_result_unwritable_naming_the_setting_and_the_fix()
    {
        var fs = new MockFileSystem();
        fs.AddFile("/readonly", new MockFileData("a file where a folder should be"));

        var failure = Assert.Throws<RunnerException>(() => new PublishedFiles(fs).Write(
            Settings(("digest-file", "/readonly/IMAGE_DIGEST")), new PublishedImage("registry:5000/team/app:v1", Digest, 596)));

        Assert.Equal("result-unwritable", failure.Code);
        Assert.StartsWith("writing the digest-file \"/readonly/IMAGE_DIGEST\": ", failure.Message, StringComparison.Ordinal);
        Assert.StartsWith("point build-runner/digest-file (--digest-file) at a writable folder", failure.Fix, StringComparison.Ordinal);
    }
}
