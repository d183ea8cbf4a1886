using BuildRunner.Host;

namespace BuildRunner.Tests.Host;

public class CapabilitySetTests
{
    [Fact]
    public void A_set_built_from_names_holds_exactly_those_capabilities()
    {
        var set = CapabilitySet.Of("SETUID", "cap_setgid", "SYS_CHROOT", "CAP_SETFCAP");

        Assert.Equal(["CAP_SETGID", "CAP_SETUID", "CAP_SYS_CHROOT", "CAP_SETFCAP"], set.Names());
        Assert.Equal([6, 7, 18, 31], set.Numbers());
        Assert.True(set.Contains("setuid"));
        Assert.True(set.Contains(18));
        Assert.False(set.Contains("SYS_ADMIN"));
        Assert.False(set.Contains("NOT_A_CAP"));
        Assert.False(set.Contains(64));
        Assert.False(set.Contains(-1));
    }

    [Fact]
    public void An_unknown_name_is_an_argument_error_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => CapabilitySet.Of("SETUID", "SUPERPOWER"));

        Assert.Contains("SUPERPOWER", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("000001ffffffffff", 41)]
    [InlineData("000001fffeffffff", 40)]
    [InlineData("00000000a80425fb", 14)]
    [InlineData("0000000000000000", 0)]
    public void Hex_masks_from_proc_status_parse_and_print_back(string hex, int count)
    {
        var set = CapabilitySet.ParseHex(hex);

        Assert.Equal(count, set.Names().Count);
        Assert.Equal(hex, set.ToHex());
    }

    [Fact]
    public void The_full_mask_holds_every_known_capability()
    {
        var full = CapabilitySet.ParseHex("000001ffffffffff");

        Assert.Equal(Capabilities.AllNames, full.Names());
    }

    [Fact]
    public void Set_operations_work_on_the_masks()
    {
        var a = CapabilitySet.Of("CHOWN", "KILL", "SETUID");
        var b = CapabilitySet.Of("KILL", "SETUID", "NET_RAW");

        Assert.Equal(CapabilitySet.Of("CHOWN"), a.Except(b));
        Assert.Equal(CapabilitySet.Of("KILL", "SETUID"), a.Intersect(b));
        Assert.Equal(CapabilitySet.Of("CHOWN", "KILL", "SETUID", "NET_RAW"), a.Union(b));
        Assert.True(a.Except(a).IsEmpty);
        Assert.Equal(CapabilitySet.None, a.Except(a));
    }

    [Fact]
    public void The_text_form_lists_names_or_says_none()
    {
        Assert.Equal("(none)", CapabilitySet.None.ToString());
        Assert.Equal("CAP_KILL,CAP_NET_RAW", CapabilitySet.Of("NET_RAW", "KILL").ToString());
    }

    [Fact]
    public void Bits_beyond_the_known_table_are_named_by_number()
    {
        var set = CapabilitySet.ParseHex("8000000000000001");

        Assert.Equal(["CAP_CHOWN", "CAP_63"], set.Names());
    }
}
