using BuildRunner.Host;

namespace BuildRunner.Tests.Host;

public class ProcessCredentialsTests
{
    [Fact]
    public void Parses_the_status_of_a_root_process_with_every_capability()
    {
        var credentials = ProcessCredentials.Parse(ProcStatus.Text(capEff: "000001fffeffffff", capBnd: "000001fffeffffff"));

        Assert.Equal(0, credentials.EffectiveUid);
        Assert.Equal(0, credentials.EffectiveGid);
        Assert.Equal(CapabilitySet.ParseHex("000001fffeffffff"), credentials.Effective);
        Assert.Equal(credentials.Effective, credentials.Permitted);
        Assert.Equal(credentials.Effective, credentials.Bounding);
        Assert.False(credentials.Effective.Contains("SYS_RESOURCE"));
        Assert.True(credentials.Inheritable.IsEmpty);
        Assert.True(credentials.Ambient.IsEmpty);
        Assert.False(credentials.NoNewPrivileges);
    }

    [Fact]
    public void Parses_the_status_of_a_non_root_process_with_no_new_privileges()
    {
        var credentials = ProcessCredentials.Parse(ProcStatus.Text(uid: 1000, gid: 1001, capEff: ProcStatus.Empty, capBnd: "00000000000000c0", noNewPrivs: true));

        Assert.Equal(1000, credentials.EffectiveUid);
        Assert.Equal(1001, credentials.EffectiveGid);
        Assert.True(credentials.Effective.IsEmpty);
        Assert.Equal(CapabilitySet.Of("SETUID", "SETGID"), credentials.Bounding);
        Assert.True(credentials.NoNewPrivileges);
    }

    [Fact]
    public void The_effective_uid_is_the_second_column()
    {
        var text = ProcStatus.Text(uid: 0).Replace("Uid:\t0\t0\t0\t0", "Uid:\t1000\t0\t1000\t1000", StringComparison.Ordinal);

        Assert.Equal(0, ProcessCredentials.Parse(text).EffectiveUid);
    }

    [Fact]
    public void A_status_without_CapAmb_has_no_ambient_capabilities()
    {
        var credentials = ProcessCredentials.Parse(ProcStatus.Text(capAmb: null));

        Assert.True(credentials.Ambient.IsEmpty);
    }

    [Theory]
    [InlineData("CapEff:")]
    [InlineData("CapBnd:")]
    [InlineData("CapPrm:")]
    [InlineData("CapInh:")]
    [InlineData("Uid:")]
    [InlineData("Gid:")]
    public void A_status_missing_a_needed_field_is_a_format_error(string field)
    {
        var text = string.Join("\n", ProcStatus.Text().Split('\n').Where(l => !l.StartsWith(field, StringComparison.Ordinal)));

        Assert.Throws<FormatException>(() => ProcessCredentials.Parse(text));
    }

    [Theory]
    [InlineData("Uid:\t0\t0\t0\t0", "Uid:\t0")]
    [InlineData("Uid:\t0\t0\t0\t0", "Uid:\tzero\tzero")]
    [InlineData("CapEff:\t000001ffffffffff", "CapEff:\tnot-hex")]
    public void A_malformed_field_is_a_format_error(string line, string replacement)
    {
        var text = ProcStatus.Text().Replace(line, replacement, StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => ProcessCredentials.Parse(text));
    }
}
