using BuildRunner.Secrets;

namespace BuildRunner.Tests.Secrets;

public class SecretMaskTests
{
    [Fact]
    public void Every_occurrence_of_a_secret_value_becomes_three_stars()
    {
        var mask = new SecretMask(["s3cr3t-token"]);

        Assert.Equal("token is *** and again ***", mask.Apply("token is s3cr3t-token and again s3cr3t-token"));
    }

    [Fact]
    public void A_value_that_contains_a_shorter_one_is_hidden_whole()
    {
        var mask = new SecretMask(["pass", "password-123"]);

        Assert.Equal("got *** then ***", mask.Apply("got password-123 then pass"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("1.2")]
    [InlineData("    ")]
    [InlineData(" ab ")]
    public void Values_with_fewer_than_four_visible_characters_are_not_masked_so_lines_stay_readable(string value)
    {
        var line = $"STEP 1/2: RUN echo a 1.2 ab {value}";

        Assert.Equal(line, new SecretMask([value]).Apply(line));
        Assert.Equal(0, new SecretMask([value]).Count);
    }

    [Fact]
    public void Text_without_a_secret_is_returned_unchanged()
    {
        Assert.Equal("COMMIT app:1", new SecretMask(["hunter22"]).Apply("COMMIT app:1"));
        Assert.Equal("COMMIT app:1", SecretMask.None.Apply("COMMIT app:1"));
    }

    [Fact]
    public void A_failure_keeps_its_kind_and_cause_and_gets_its_message_and_fix_masked()
    {
        var cause = new InvalidOperationException("low level");
        var failure = FailureCatalog.BuildFailed.Fails("building the image: buildah exited with 1:\ntoken: s3cr3t-token", "do not print s3cr3t-token", cause);

        var shown = new SecretMask(["s3cr3t-token"]).Apply(failure);

        Assert.Same(FailureCatalog.BuildFailed, shown.Kind);
        Assert.Equal("building the image: buildah exited with 1:\ntoken: ***", shown.Message);
        Assert.Equal("do not print ***", shown.Fix);
        Assert.Same(cause, shown.InnerException);
    }

    [Fact]
    public void A_failure_without_a_secret_is_the_same_failure()
    {
        var failure = FailureCatalog.ContextMissing.Fails("reading the build context", "mount it");

        Assert.Same(failure, new SecretMask(["s3cr3t-token"]).Apply(failure));
    }

    [Fact]
    public void The_mask_never_prints_its_values()
    {
        Assert.DoesNotContain("s3cr3t", new SecretMask(["s3cr3t-token"]).ToString(), StringComparison.Ordinal);
    }
}
