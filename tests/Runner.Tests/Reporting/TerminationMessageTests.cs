using System.Text;
using BuildRunner.Reporting;

namespace BuildRunner.Tests.Reporting;

public class TerminationMessageTests
{
    [Theory]
    [InlineData("registry:5000/team/app:v1", "registry:5000/team/app@sha256:abc")]
    [InlineData("registry:5000/team/app", "registry:5000/team/app@sha256:abc")]
    [InlineData("app:latest", "app@sha256:abc")]
    [InlineData("quay.io/org/app", "quay.io/org/app@sha256:abc")]
    public void A_pushed_image_is_its_name_at_its_digest(string image, string message)
    {
        var result = new BuildResult { Status = "succeeded", Image = image, Digest = "sha256:abc" };

        Assert.Equal(message, TerminationMessage.For(result));
    }

    [Fact]
    public void An_image_that_was_not_pushed_says_so()
    {
        var result = new BuildResult { Status = "succeeded", Image = "registry:5000/app:v1", ImageId = "sha256:1234" };

        Assert.Equal("built registry:5000/app:v1 (not pushed)", TerminationMessage.For(result));
    }

    [Fact]
    public void An_untagged_build_gives_its_image_id()
    {
        Assert.Equal("built sha256:1234", TerminationMessage.For(new BuildResult { Status = "succeeded", ImageId = "sha256:1234" }));
    }

    [Fact]
    public void A_failure_gives_the_message_and_the_fix()
    {
        var result = new BuildResult
        {
            Status = "failed",
            Image = "registry:5000/app:v1",
            Digest = "sha256:abc",
            Error = new ProblemReport("missing-capability", "environment", "the pod's effective set lacks CAP_SETFCAP", "add SETFCAP", ExitCodes.MissingCapability, true),
        };

        Assert.Equal("the pod's effective set lacks CAP_SETFCAP\nfix: add SETFCAP", TerminationMessage.For(result));
    }

    [Fact]
    public void A_long_message_is_cut_to_what_Kubernetes_keeps()
    {
        var result = new BuildResult { Status = "failed", Error = new ProblemReport("x", "build", new string('m', 5000), "f", 1, true) };

        var text = TerminationMessage.For(result);

        Assert.Equal(TerminationMessage.MaxLength, text.Length);
        Assert.EndsWith("m...", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_of_exactly_the_limit_is_not_cut()
    {
        var message = new string('m', TerminationMessage.MaxLength - "\nfix: f".Length);
        var result = new BuildResult { Status = "failed", Error = new ProblemReport("x", "build", message, "f", 1, true) };

        Assert.Equal(message + "\nfix: f", TerminationMessage.For(result));
    }

    [Fact]
    public void A_long_non_ASCII_message_fits_in_4096_bytes()
    {
        var result = new BuildResult { Status = "failed", Error = new ProblemReport("x", "build", new string('é', 3000), "f", 1, true) };

        var text = TerminationMessage.For(result);

        Assert.True(Encoding.UTF8.GetByteCount(text) <= TerminationMessage.MaxLength);
    }
}
