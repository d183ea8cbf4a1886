using System.Collections.Immutable;
using BuildRunner.Buildah;

namespace BuildRunner.Tests.Buildah;

public class BuildahInvocationTests
{
    private static BuildahInvocation Invocation(string[] arguments, params string[] secrets) =>
        new([.. arguments], ImmutableDictionary<string, string?>.Empty, "building the image", [.. secrets]);

    [Fact]
    public void Build_argument_values_are_hidden_and_their_names_kept()
    {
        var invocation = Invocation(
            ["bud", "--build-arg", "TOKEN=s3cr3t-token", "--build-arg", "VERSION=1.2", "--tag", "app:v1", "."],
            "s3cr3t-token", "1.2");

        var shown = invocation.Redacted();

        Assert.Equal("buildah bud --build-arg TOKEN=*** --build-arg VERSION=*** --tag app:v1 .", shown);
        Assert.DoesNotContain("s3cr3t", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_is_hidden_wherever_it_appears()
    {
        var shown = Invocation(["bud", "--build-arg", "A=hunter2", "--label", "copy=hunter2hunter2"], "hunter2").Redacted();

        Assert.Equal("buildah bud --build-arg A=*** --label copy=******", shown);
    }

    [Fact]
    public void A_secret_with_spaces_is_hidden_before_the_argument_is_quoted()
    {
        var shown = Invocation(["bud", "--build-arg", "PASSPHRASE=correct horse battery staple", "."], "correct horse battery staple").Redacted();

        Assert.Equal("buildah bud --build-arg PASSPHRASE=*** .", shown);
    }

    [Fact]
    public void Arguments_with_spaces_are_quoted()
    {
        var shown = Invocation(["bud", "--label", "description=a small image", "/my context"]).Redacted();

        Assert.Equal("buildah bud --label 'description=a small image' '/my context'", shown);
    }

    [Fact]
    public void Empty_secrets_change_nothing()
    {
        var shown = Invocation(["bud", "--build-arg", "EMPTY=", "."], "").Redacted();

        Assert.Equal("buildah bud --build-arg EMPTY= .", shown);
    }

    [Fact]
    public void Redaction_leaves_the_arguments_themselves_alone()
    {
        var invocation = Invocation(["bud", "--build-arg", "TOKEN=s3cr3t"], "s3cr3t");

        _ = invocation.Redacted();

        Assert.Equal("TOKEN=s3cr3t", invocation.Arguments[2]);
    }

    [Fact]
    public void A_secret_that_contains_a_shorter_secret_is_hidden_whole()
    {
        var shown = Invocation(["bud", "--build-arg", "USER=pass", "--build-arg", "PASSWORD=password"], "pass", "password").Redacted();

        Assert.DoesNotContain("word", shown, StringComparison.Ordinal);
        Assert.Equal("buildah bud --build-arg USER=*** --build-arg PASSWORD=***", shown);
    }

    [Fact]
    public void The_mask_hides_secret_file_contents_and_credentials_wherever_they_appear_in_the_command_line()
    {
        var invocation = Invocation(["bud", "--label", "leak=file-s3cr3t", "--build-arg", "V=1.2", "--secret", "id=token,src=/s/token"], "1.2")
            with { Mask = new BuildRunner.Secrets.SecretMask(["file-s3cr3t"]) };

        Assert.Equal("buildah bud --label leak=*** --build-arg V=*** --secret id=token,src=/s/token", invocation.Redacted());
    }
}
