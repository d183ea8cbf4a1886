using BuildRunner.Host;
using BuildRunner.Identity;

namespace BuildRunner.Tests.Identity;

public class SubordinateRangesTests
{
    private static SubordinateRange R(long start, long count) => new(start, count);

    [Fact]
    public void Splits_the_range_around_the_users_own_id()
    {
        var ranges = SubordinateRanges.Compute(IdMap.Parse("0 100000 65536"), 1000);

        Assert.Equal<SubordinateRange>([R(1, 999), R(1001, 64535)], ranges);
    }

    [Fact]
    public void Leaves_out_id_0_so_file_capability_newuidmap_never_maps_the_namespace_root()
    {
        var ranges = SubordinateRanges.Compute(IdMap.Parse("0 100000 65536"), 1000);

        Assert.DoesNotContain(ranges, r => r.Contains(0));
    }

    [Fact]
    public void Merges_extents_that_are_contiguous_inside_and_sorts_them()
    {
        var map = IdMap.Parse("2000 300000 1000\n0 100000 1000\n1000 200000 1000");

        var ranges = SubordinateRanges.Compute(map, 5000);

        Assert.Equal<SubordinateRange>([R(1, 2999)], ranges);
    }

    [Fact]
    public void Keeps_extents_with_a_gap_between_them_apart()
    {
        var map = IdMap.Parse("0 100000 1000\n5000 200000 100");

        var ranges = SubordinateRanges.Compute(map, 1000);

        Assert.Equal<SubordinateRange>([R(1, 999), R(5000, 100)], ranges);
    }

    [Fact]
    public void Splits_only_the_extent_that_holds_the_users_id()
    {
        var map = IdMap.Parse("0 100000 1000\n1000 200000 1000\n3000 300000 1000");

        var ranges = SubordinateRanges.Compute(map, 3500);

        Assert.Equal<SubordinateRange>([R(1, 1999), R(3000, 500), R(3501, 499)], ranges);
    }

    [Fact]
    public void A_map_of_one_id_that_is_the_users_own_gives_no_ranges()
    {
        Assert.Empty(SubordinateRanges.Compute(IdMap.Parse("1000 100000 1"), 1000));
    }

    [Fact]
    public void A_map_of_one_id_0_gives_no_ranges()
    {
        Assert.Empty(SubordinateRanges.Compute(IdMap.Parse("0 100000 1"), 1000));
    }

    [Fact]
    public void A_map_of_1000_ids_without_the_users_id_gives_all_but_root()
    {
        var ranges = SubordinateRanges.Compute(IdMap.Parse("0 100000 1000"), 1000);

        Assert.Equal<SubordinateRange>([R(1, 999)], ranges);
    }

    [Fact]
    public void The_users_id_as_the_first_id_of_an_extent_is_cut_off_its_start()
    {
        var map = IdMap.Parse("0 100000 1000\n2000 200000 1000");

        var ranges = SubordinateRanges.Compute(map, 2000);

        Assert.Equal<SubordinateRange>([R(1, 999), R(2001, 999)], ranges);
    }

    [Fact]
    public void The_users_id_as_the_last_id_of_an_extent_is_cut_off_its_end()
    {
        var map = IdMap.Parse("0 100000 1000\n2000 200000 1000");

        var ranges = SubordinateRanges.Compute(map, 999);

        Assert.Equal<SubordinateRange>([R(1, 998), R(2000, 1000)], ranges);
    }

    [Fact]
    public void The_users_id_at_the_seam_of_contiguous_extents_splits_the_merged_range()
    {
        var map = IdMap.Parse("0 100000 1000\n1000 200000 1000");

        var ranges = SubordinateRanges.Compute(map, 1000);

        Assert.Equal<SubordinateRange>([R(1, 999), R(1001, 999)], ranges);
    }

    [Fact]
    public void An_id_outside_the_map_removes_nothing_but_root()
    {
        var ranges = SubordinateRanges.Compute(IdMap.Parse("0 100000 65536"), 70000);

        Assert.Equal<SubordinateRange>([R(1, 65535)], ranges);
    }

    [Fact]
    public void A_map_that_does_not_start_at_0_is_taken_whole()
    {
        var ranges = SubordinateRanges.Compute(IdMap.Parse("100 100000 50"), 1000);

        Assert.Equal<SubordinateRange>([R(100, 50)], ranges);
    }

    [Fact]
    public void Subtract_cuts_holes_and_drops_what_is_covered()
    {
        var rest = SubordinateRanges.Subtract([R(0, 100)], [R(10, 10), R(50, 100)]);

        Assert.Equal<SubordinateRange>([R(0, 10), R(20, 30)], rest);
    }

    [Fact]
    public void Normalize_merges_overlapping_and_touching_ranges_and_drops_empty_ones()
    {
        var merged = SubordinateRanges.Normalize([R(20, 5), R(0, 10), R(5, 10), R(15, 5), R(40, 0)]);

        Assert.Equal<SubordinateRange>([R(0, 25)], merged);
    }

    [Fact]
    public void Overlap_needs_a_shared_id_not_just_touching_ends()
    {
        Assert.True(R(0, 10).Overlaps(R(9, 5)));
        Assert.False(R(0, 10).Overlaps(R(10, 5)));
        Assert.Equal(10, R(0, 10).End);
    }
}
