using BuildRunner.Host;

namespace BuildRunner.Tests.Host;

public class SeccompModeTests
{
    [Theory]
    [InlineData("0", SeccompMode.Disabled, "disabled")]
    [InlineData("1", SeccompMode.Strict, "strict")]
    [InlineData("2", SeccompMode.Filter, "filter")]
    [InlineData("7", SeccompMode.Unknown, "unknown")]
    public void The_seccomp_field_of_proc_status_gives_the_mode(string field, SeccompMode expected, string name)
    {
        var mode = SeccompModes.Parse($"Name:\tbuild-runner\nNoNewPrivs:\t1\nSeccomp:\t{field}\nSeccomp_filters:\t1\n");

        Assert.Equal(expected, mode);
        Assert.Equal(name, mode.ToName());
    }

    [Fact]
    public void A_status_without_the_seccomp_field_gives_unknown() =>
        Assert.Equal(SeccompMode.Unknown, SeccompModes.Parse("Name:\tx\nSeccomp_filters:\t1\n"));
}
