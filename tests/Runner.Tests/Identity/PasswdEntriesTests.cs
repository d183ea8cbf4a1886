using BuildRunner.Identity;

namespace BuildRunner.Tests.Identity;

public class PasswdEntriesTests
{
    private const string Passwd = "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
    private const string Group = "root:x:0:\nnogroup:x:65534:\n";

    [Fact]
    public void Finds_the_name_of_a_uid_that_has_a_line_and_changes_nothing()
    {
        var update = PasswdEntries.Ensure(Passwd + "dev:x:1000:1000::/home/dev:/bin/sh\n", Group + "dev:x:1000:\n", 1000, 1000, "/home/build");

        Assert.Equal(new PasswdUpdate("dev", null, null), update);
        Assert.True(update.Unchanged);
    }

    [Fact]
    public void Adds_a_build_user_and_group_for_an_unknown_uid()
    {
        var update = PasswdEntries.Ensure(Passwd, Group, 1000, 1000, "/home/build");

        Assert.Equal("build", update.UserName);
        Assert.Equal(Passwd + "build:x:1000:1000:build-runner:/home/build:/bin/sh\n", update.NewPasswd);
        Assert.Equal(Group + "build:x:1000:\n", update.NewGroup);
    }

    [Fact]
    public void Takes_build_uid_when_build_is_taken()
    {
        var update = PasswdEntries.Ensure(Passwd + "build:x:1001:1001::/home/b:/bin/sh\n", Group + "build:x:1001:\n", 1000, 1000, "/tmp");

        Assert.Equal("build-1000", update.UserName);
        Assert.EndsWith("build-1000:x:1000:1000:build-runner:/tmp:/bin/sh\n", update.NewPasswd, StringComparison.Ordinal);
        Assert.EndsWith("build-1000:x:1000:\n", update.NewGroup, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_group_alone_when_the_gid_has_a_group()
    {
        var update = PasswdEntries.Ensure(Passwd, Group, 1000, 0, "/tmp");

        Assert.NotNull(update.NewPasswd);
        Assert.Null(update.NewGroup);
    }

    [Fact]
    public void Adds_only_the_group_when_the_user_exists_but_its_gid_has_none()
    {
        var update = PasswdEntries.Ensure(Passwd + "dev:x:1000:5000::/home/dev:/bin/sh\n", Group, 1000, 5000, "/tmp");

        Assert.Equal("dev", update.UserName);
        Assert.Null(update.NewPasswd);
        Assert.Equal(Group + "build:x:5000:\n", update.NewGroup);
    }

    [Fact]
    public void Appends_on_a_new_line_when_the_file_lacks_a_final_newline()
    {
        var update = PasswdEntries.Ensure("root:x:0:0:root:/root:/bin/bash", "root:x:0:", 1000, 1000, "/tmp");

        Assert.Equal("root:x:0:0:root:/root:/bin/bash\nbuild:x:1000:1000:build-runner:/tmp:/bin/sh\n", update.NewPasswd);
        Assert.Equal("root:x:0:\nbuild:x:1000:\n", update.NewGroup);
    }

    [Fact]
    public void Handles_empty_files()
    {
        var update = PasswdEntries.Ensure(string.Empty, string.Empty, 1000, 1000, "/tmp");

        Assert.Equal("build:x:1000:1000:build-runner:/tmp:/bin/sh\n", update.NewPasswd);
        Assert.Equal("build:x:1000:\n", update.NewGroup);
    }

    [Fact]
    public void Ignores_malformed_lines_when_looking_up_the_uid()
    {
        var update = PasswdEntries.Ensure("# x:1000\ngarbage\n:x:1000:1000::/:/bin/sh\n", Group, 1000, 0, "/tmp");

        Assert.Equal("build", update.UserName);
        Assert.StartsWith("# x:1000\ngarbage\n", update.NewPasswd, StringComparison.Ordinal);
    }

    [Fact]
    public void Applying_the_new_text_again_changes_nothing()
    {
        var first = PasswdEntries.Ensure(Passwd, Group, 1000, 1000, "/tmp");

        var second = PasswdEntries.Ensure(first.NewPasswd!, first.NewGroup!, 1000, 1000, "/tmp");

        Assert.Equal(new PasswdUpdate("build", null, null), second);
        Assert.Equal("build", PasswdEntries.NameOf(first.NewPasswd!, 1000));
    }
}
