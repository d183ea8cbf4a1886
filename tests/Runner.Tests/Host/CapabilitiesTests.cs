using BuildRunner.Host;

namespace BuildRunner.Tests.Host;

public class CapabilitiesTests
{
    [Theory]
    [InlineData(0, "CAP_CHOWN")]
    [InlineData(6, "CAP_SETGID")]
    [InlineData(7, "CAP_SETUID")]
    [InlineData(13, "CAP_NET_RAW")]
    [InlineData(18, "CAP_SYS_CHROOT")]
    [InlineData(21, "CAP_SYS_ADMIN")]
    [InlineData(27, "CAP_MKNOD")]
    [InlineData(31, "CAP_SETFCAP")]
    [InlineData(40, "CAP_CHECKPOINT_RESTORE")]
    public void Numbers_and_names_follow_the_kernel_header(int number, string name)
    {
        Assert.Equal(name, Capabilities.NameOf(number));
        Assert.Equal(number, Capabilities.NumberOf(name));
    }

    [Fact]
    public void The_table_ends_at_checkpoint_restore()
    {
        Assert.Equal(40, Capabilities.Last);
        Assert.Equal(41, Capabilities.AllNames.Count);
    }

    [Theory]
    [InlineData(41, "CAP_41")]
    [InlineData(63, "CAP_63")]
    [InlineData(-1, "CAP_-1")]
    public void Unknown_numbers_read_as_CAP_N(int number, string name)
    {
        Assert.Equal(name, Capabilities.NameOf(number));
    }

    [Theory]
    [InlineData("setfcap")]
    [InlineData("SETFCAP")]
    [InlineData("cap_setfcap")]
    [InlineData("CAP_SETFCAP")]
    [InlineData("  SetFCap  ")]
    public void Names_are_found_with_or_without_the_prefix_in_any_case(string name)
    {
        Assert.Equal(31, Capabilities.NumberOf(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("CAP_")]
    [InlineData("NET_RAWR")]
    [InlineData("CAP_41")]
    [InlineData("ALL")]
    public void Unknown_names_have_no_number(string name)
    {
        Assert.Null(Capabilities.NumberOf(name));
    }
}
