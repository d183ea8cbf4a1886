using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Identity;
using NSubstitute;

namespace BuildRunner.Tests.Identity;

public class SubIdWriterTests
{
    private const string SubUid = "/etc/subuid";
    private static readonly SubordinateRange[] Wanted = [new(1, 999), new(1001, 64535)];

    [Fact]
    public void Writes_the_file_and_leaves_no_temporary_file_behind()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData> { [SubUid] = new("other:100000:65536\n") });
        var writer = new SubIdWriter(fs);

        var outcome = writer.Write(SubUid, writer.Read(SubUid).WithRangesFor("build", 1000, Wanted));

        Assert.Equal(SubIdWriteOutcome.Wrote, outcome);
        Assert.Equal("other:100000:65536\nbuild:1:999\nbuild:1001:64535\n", fs.File.ReadAllText(SubUid));
        Assert.False(fs.File.Exists(SubUid + SubIdWriter.TempSuffix));
    }

    [Fact]
    public void Creates_a_missing_file()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory("/etc");
        var writer = new SubIdWriter(fs);

        var outcome = writer.Write(SubUid, writer.Read(SubUid).WithRangesFor("build", 1000, Wanted));

        Assert.True(outcome.Written);
        Assert.Equal("build:1:999\nbuild:1001:64535\n", fs.File.ReadAllText(SubUid));
    }

    [Fact]
    public void Does_not_write_when_the_content_is_already_identical()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData> { [SubUid] = new("build:1:999\nbuild:1001:64535\n") });
        var before = fs.File.GetLastWriteTimeUtc(SubUid);
        var writer = new SubIdWriter(fs);

        var outcome = writer.Write(SubUid, writer.Read(SubUid).WithRangesFor("build", 1000, Wanted));

        Assert.Equal(SubIdWriteOutcome.Unchanged, outcome);
        Assert.False(outcome.Written);
        Assert.True(outcome.Writable);
        Assert.Equal(before, fs.File.GetLastWriteTimeUtc(SubUid));
    }

    [Fact]
    public void Writing_twice_writes_once()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData> { [SubUid] = new("other:1:5\n") });
        var writer = new SubIdWriter(fs);

        var first = writer.Write(SubUid, writer.Read(SubUid).WithRangesFor("build", 1000, Wanted));
        var second = writer.Write(SubUid, writer.Read(SubUid).WithRangesFor("build", 1000, Wanted));

        Assert.True(first.Written);
        Assert.False(second.Written);
    }

    [Fact]
    public void A_file_and_directory_that_cannot_be_written_are_reported_not_thrown()
    {
        var file = Substitute.For<IFile>();
        file.Exists(SubUid).Returns(true);
        file.ReadAllText(SubUid).Returns("other:1:5\n");
        file.When(f => f.WriteAllText(Arg.Any<string>(), Arg.Any<string?>()))
            .Do(_ => throw new UnauthorizedAccessException("Access to the path is denied."));
        var fs = Substitute.For<IFileSystem>();
        fs.File.Returns(file);
        var writer = new SubIdWriter(fs);

        var outcome = writer.Write(SubUid, writer.Read(SubUid).WithRangesFor("build", 1000, Wanted));

        Assert.False(outcome.Written);
        Assert.False(outcome.Writable);
        Assert.Contains(SubUid, outcome.NotWritableReason, StringComparison.Ordinal);
        file.DidNotReceive().Move(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<bool>());
    }

    [Fact]
    public void A_rename_that_fails_falls_back_to_rewriting_the_file_in_place_and_removes_the_temporary_file()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData> { [SubUid] = new("other:1:5\n") });
        // Everything goes to the mock file system except the rename, which fails as on a read-only mount.
        var file = Substitute.For<IFile>();
        file.Exists(Arg.Any<string>()).Returns(ci => fs.File.Exists(ci.Arg<string>()));
        file.ReadAllText(Arg.Any<string>()).Returns(ci => fs.File.ReadAllText(ci.Arg<string>()));
        file.When(f => f.WriteAllText(Arg.Any<string>(), Arg.Any<string?>()))
            .Do(ci => fs.File.WriteAllText(ci.ArgAt<string>(0), ci.ArgAt<string?>(1)));
        file.When(f => f.Delete(Arg.Any<string>())).Do(ci => fs.File.Delete(ci.Arg<string>()));
        file.When(f => f.Move(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<bool>()))
            .Do(_ => throw new IOException("Read-only file system"));
        var substitute = Substitute.For<IFileSystem>();
        substitute.File.Returns(file);
        var writer = new SubIdWriter(substitute);

        var outcome = writer.Write(SubUid, SubIdFile.Parse("build:1:5\n"));

        Assert.True(outcome.Written);
        Assert.False(fs.File.Exists(SubUid + SubIdWriter.TempSuffix));
        Assert.Equal("build:1:5\n", fs.File.ReadAllText(SubUid));
    }

    [Fact]
    public void Reading_a_missing_file_gives_an_empty_one()
    {
        Assert.Equal(SubIdFile.Empty, new SubIdWriter(new MockFileSystem()).Read(SubUid));
    }
}
