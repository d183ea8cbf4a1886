using BuildRunner.Identity;

namespace BuildRunner.Tests.Identity;

public class SubIdFileTests
{
    private static SubordinateRange R(long start, long count) => new(start, count);

    private static readonly SubordinateRange[] Wanted = [R(1, 999), R(1001, 64535)];

    [Fact]
    public void Parses_entries_under_a_name_and_under_a_numeric_id()
    {
        var file = SubIdFile.Parse("build:1:999\nother:100000:65536\n1000:1001:64535\n");

        Assert.Equal<SubordinateRange>([R(1, 999), R(1001, 64535)], file.RangesFor("build", 1000));
    }

    [Fact]
    public void Renders_what_it_parsed_unchanged_with_a_final_newline()
    {
        const string text = "# managed by hand\nother:100000:65536\n\nbroken line\nx:1:notanumber\n";

        Assert.Equal(text, SubIdFile.Parse(text).Render());
        Assert.Equal("a:1:2\n", SubIdFile.Parse("a:1:2").Render());
        Assert.Equal(string.Empty, SubIdFile.Empty.Render());
    }

    [Fact]
    public void Replacing_a_users_ranges_keeps_every_other_line_and_its_order()
    {
        var file = SubIdFile.Parse("# comment\nalice:100000:65536\nbuild:5:5\nmalformed::\nbob:300000:65536\n");

        var updated = file.WithRangesFor("build", 1000, Wanted);

        Assert.Equal(
            "# comment\nalice:100000:65536\nmalformed::\nbob:300000:65536\nbuild:1:999\nbuild:1001:64535\n",
            updated.Render());
    }

    [Fact]
    public void Stale_ranges_of_the_same_user_under_name_or_id_are_replaced()
    {
        var file = SubIdFile.Parse("build:200000:10\n1000:300000:10\nother:1:5\n");

        var updated = file.WithRangesFor("build", 1000, Wanted);

        Assert.Equal("other:1:5\nbuild:1:999\nbuild:1001:64535\n", updated.Render());
    }

    [Fact]
    public void Applying_twice_changes_nothing()
    {
        var once = SubIdFile.Parse("other:100000:65536\n").WithRangesFor("build", 1000, Wanted);

        var twice = once.WithRangesFor("build", 1000, Wanted);

        Assert.Same(once, twice);
        Assert.Equal(once.Render(), twice.Render());
    }

    [Fact]
    public void Entries_that_already_hold_exactly_the_ids_are_left_where_they_are()
    {
        var file = SubIdFile.Parse("build:1:500\nother:1:1\n1000:501:499\nbuild:1001:64535\n");

        Assert.Same(file, file.WithRangesFor("build", 1000, Wanted));
    }

    [Fact]
    public void Missing_lists_the_wanted_ids_no_entry_of_the_user_covers()
    {
        var file = SubIdFile.Parse("build:1:500\nother:501:100\n1000:1001:1000\n");

        var missing = file.Missing("build", 1000, Wanted);

        Assert.Equal<SubordinateRange>([R(501, 499), R(2001, 63535)], missing);
    }

    [Fact]
    public void Missing_is_empty_when_the_entries_cover_more_than_wanted()
    {
        var file = SubIdFile.Parse("build:0:100000\n");

        Assert.Empty(file.Missing("build", 1000, Wanted));
    }

    [Fact]
    public void Conflicts_reports_other_users_overlapping_entries_and_keeps_them()
    {
        var file = SubIdFile.Parse("alice:500:10\nbob:100000:65536\n1000:1:5\nbuild:7:1\n");

        var conflicts = file.Conflicts("build", 1000, Wanted);
        var updated = file.WithRangesFor("build", 1000, Wanted);

        Assert.Equal<(string, SubordinateRange)>([("alice", R(500, 10))], conflicts);
        Assert.Contains("alice:500:10", updated.Lines);
    }

    [Fact]
    public void Malformed_lines_are_not_entries()
    {
        var file = SubIdFile.Parse("build:1\nbuild:x:5\nbuild:1:0\nbuild:-1:5\n:1:5\nbuild:1:2:3\n");

        Assert.Empty(file.RangesFor("build", 1000));
        Assert.Equal(8, file.WithRangesFor("build", 1000, Wanted).Lines.Length);
    }

    [Fact]
    public void Removing_all_ranges_drops_the_users_lines()
    {
        var file = SubIdFile.Parse("build:1:5\nother:1:5\n");

        Assert.Equal("other:1:5\n", file.WithRangesFor("build", 1000, []).Render());
    }

    [Fact]
    public void Files_with_the_same_lines_are_equal()
    {
        Assert.Equal(SubIdFile.Parse("a:1:2\n"), SubIdFile.Parse("a:1:2"));
        Assert.NotEqual(SubIdFile.Parse("a:1:2\n"), SubIdFile.Parse("a:1:3\n"));
    }
}
