using BuildRunner.Host;

namespace BuildRunner.Tests.Host;

public class IdMapTests
{
    [Fact]
    public void The_initial_namespace_map_as_the_kernel_pads_it_is_the_identity()
    {
        var map = IdMap.Parse("         0          0 4294967295\n");

        Assert.True(map.IsIdentity);
        Assert.Equal(IdMap.Identity, map);
        Assert.Equal(4294967295, map.Size);
        Assert.Equal(0, map.ToOutside(0));
    }

    [Fact]
    public void A_pod_user_namespace_map_is_not_the_identity()
    {
        var map = IdMap.Parse("         0     100000      65536\n");

        Assert.False(map.IsIdentity);
        Assert.Equal(65536, map.Size);
        Assert.Equal(100000, map.ToOutside(0));
        Assert.Equal(165535, map.ToOutside(65535));
        Assert.Null(map.ToOutside(65536));
    }

    [Fact]
    public void A_map_of_the_whole_range_that_does_not_start_at_zero_is_not_the_identity()
    {
        Assert.False(IdMap.Parse("0 1 4294967295").IsIdentity);
        Assert.False(IdMap.Parse("0 0 65536").IsIdentity);
    }

    [Fact]
    public void A_map_of_several_extents_adds_their_sizes_and_maps_each_range()
    {
        var map = IdMap.Parse("0 1000 1\n1 100000 65536\n");

        Assert.Equal(2, map.Extents.Length);
        Assert.Equal(65537, map.Size);
        Assert.Equal(1000, map.ToOutside(0));
        Assert.Equal(100000, map.ToOutside(1));
        Assert.Equal(165535, map.ToOutside(65536));
        Assert.Null(map.ToOutside(65537));
    }

    [Fact]
    public void Blank_lines_and_CRLF_endings_are_ignored()
    {
        var map = IdMap.Parse("\r\n0 100000 65536\r\n\r\n");

        Assert.Equal(new IdMapExtent(0, 100000, 65536), Assert.Single(map.Extents));
    }

    [Fact]
    public void An_empty_map_maps_nothing()
    {
        var map = IdMap.Parse("");

        Assert.Empty(map.Extents);
        Assert.Equal(0, map.Size);
        Assert.Null(map.ToOutside(0));
        Assert.False(map.IsIdentity);
    }

    [Fact]
    public void A_map_where_root_is_not_mapped_has_no_outside_id_for_root()
    {
        Assert.Null(IdMap.Parse("1000 100000 65536").ToOutside(0));
    }

    [Theory]
    [InlineData("0 0")]
    [InlineData("0 0 1 2")]
    [InlineData("a b c")]
    [InlineData("-1 0 1")]
    [InlineData("0 0 99999999999999999999")]
    [InlineData("0 100000 65536\nbroken")]
    public void A_line_that_is_not_three_non_negative_numbers_is_a_format_error(string text)
    {
        var error = Assert.Throws<FormatException>(() => IdMap.Parse(text));

        Assert.Contains("three numbers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maps_with_the_same_extents_are_equal_and_hash_alike()
    {
        var a = IdMap.Parse("0 100000 65536\n");
        var b = IdMap.Parse("  0   100000   65536");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, IdMap.Parse("0 100000 65535"));
    }

    [Fact]
    public void Triples_list_each_extent_inside_outside_count()
    {
        var triples = IdMap.Parse("0 1000 1\n1 100000 65536").ToTriples();

        Assert.Equal([new long[] { 0, 1000, 1 }, [1, 100000, 65536]], triples);
    }

    [Fact]
    public void The_user_namespace_reports_the_node_uid_of_root_and_its_size()
    {
        var inside = new UserNamespace(IdMap.Parse("0 100000 65536"), IdMap.Parse("0 100000 65536"));
        var outside = new UserNamespace(IdMap.Identity, IdMap.Identity);

        Assert.True(inside.InUserNamespace);
        Assert.Equal(100000, inside.HostUidOfRoot);
        Assert.Equal(65536, inside.Size);
        Assert.False(outside.InUserNamespace);
        Assert.Equal(0, outside.HostUidOfRoot);
    }
}
