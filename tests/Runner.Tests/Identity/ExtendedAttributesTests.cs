using System.Diagnostics;
using BuildRunner.Host;
using BuildRunner.Posix;

namespace BuildRunner.Tests.Identity;

public class ExtendedAttributesTests
{
    [Fact]
    public void Decodes_revision_2_with_the_high_word()
    {
        // magic 0x02000001 (revision 2, effective), permitted low = CAP_SETUID, high = CAP_CHECKPOINT_RESTORE (40).
        byte[] data = [0x01, 0, 0, 0x02, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x01, 0, 0, 0, 0, 0, 0];

        var caps = ExtendedAttributes.DecodeFileCapabilities(data);

        Assert.Equal(CapabilitySet.Of("SETUID", "CHECKPOINT_RESTORE").Mask, caps);
    }

    [Fact]
    public void Decodes_revision_3_as_written_inside_a_user_namespace()
    {
        // Revision 3 adds the namespace root ID after the revision 2 words.
        byte[] data = [0, 0, 0, 0x03, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xa0, 0x86, 0x01, 0];

        Assert.Equal(CapabilitySet.Of("SETGID").Mask, ExtendedAttributes.DecodeFileCapabilities(data));
    }

    [Fact]
    public void Decodes_revision_1_as_32_bits()
    {
        byte[] data = [0, 0, 0, 0x01, 0x80, 0, 0, 0, 0, 0, 0, 0];

        Assert.Equal(CapabilitySet.Of("SETUID").Mask, ExtendedAttributes.DecodeFileCapabilities(data));
    }

    [Fact]
    public void Rejects_short_or_unknown_data()
    {
        Assert.Null(ExtendedAttributes.DecodeFileCapabilities([0, 0, 0, 0x02, 0x80]));
        Assert.Null(ExtendedAttributes.DecodeFileCapabilities([0, 0, 0, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Null(ExtendedAttributes.DecodeFileCapabilities([]));
    }

    [Fact]
    public void Reads_capabilities_setcap_gave_a_real_file_and_none_from_a_plain_one()
    {
        var withCaps = Path.GetTempFileName();
        var plain = Path.GetTempFileName();
        try
        {
            // Tests run as root with libcap2-bin installed (install-deps).
            using (var setcap = Process.Start(new ProcessStartInfo("setcap", ["cap_setuid=ep", withCaps]) { RedirectStandardError = true })!)
            {
                setcap.WaitForExit();
                Assert.True(setcap.ExitCode == 0, setcap.StandardError.ReadToEnd());
            }

            Assert.Equal(CapabilitySet.Of("SETUID").Mask, ExtendedAttributes.ReadFileCapabilities(withCaps));
            Assert.Null(ExtendedAttributes.ReadFileCapabilities(plain));
        }
        finally
        {
            File.Delete(withCaps);
            File.Delete(plain);
        }
    }

    [Fact]
    public void A_missing_file_is_an_io_error()
    {
        Assert.Throws<IOException>(() => ExtendedAttributes.ReadFileCapabilities("/nonexistent/newuidmap"));
    }
}
