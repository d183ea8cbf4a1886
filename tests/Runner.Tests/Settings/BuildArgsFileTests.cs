using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public class BuildArgsFileTests
{
    [Fact]
    public void Lines_are_name_value_pairs_with_blank_lines_and_comments_skipped_and_values_kept_as_written()
    {
        Assert.True(BuildArgsFile.TryParse("# versions\r\nVERSION=1.2\r\n\n  URL=http://x/?a=b \nEMPTY=\n", out var arguments, out _));

        Assert.Equal([new("VERSION", "1.2"), new("URL", "http://x/?a=b "), new("EMPTY", "")], arguments.AsEnumerable());
    }

    [Theory]
    [InlineData("A=1\nhunter2-password\n", "line 2")]
    [InlineData("A=1\n\n=hunter2-password", "line 3")]
    [InlineData("MY TOKEN=hunter2-password", "line 1")]
    public void A_bad_line_is_named_by_number_never_by_content(string content, string line)
    {
        Assert.False(BuildArgsFile.TryParse(content, out _, out var problem));

        Assert.Contains(line + " ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("TOKEN", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_build_args_win_over_the_file_and_a_later_line_over_an_earlier_one()
    {
        var merged = BuildArgsFile.Merge(
            [new("A", "file"), new("B", "file"), new("A", "file-later")],
            [new("B", "explicit"), new("C", "explicit")]);

        Assert.Equal([new("A", "file-later"), new("B", "explicit"), new("C", "explicit")], merged.AsEnumerable());
    }
}
