using BuildRunner.Reporting;

namespace BuildRunner.Tests.Reporting;

public class PublishedImageTests
{
    private const string Digest = "sha256:6d7c63a2b80b616cc69697fe04a96e241f0aca873ddfb084efbc077932ff49d6";

    [Theory]
    [InlineData("registry.example.com/team/app:v1", "registry.example.com/team/app")]
    [InlineData("docker://registry.example.com:5000/team/app:v1", "registry.example.com:5000/team/app")]
    [InlineData("127.0.0.1:5000/app", "127.0.0.1:5000/app")]
    [InlineData("localhost:5000/team/app@sha256:0000", "localhost:5000/team/app")]
    [InlineData("registry:5000/app:1@sha256:0000", "registry:5000/app")]
    [InlineData("app", "app")]
    public void The_reference_is_the_repository_without_transport_tag_or_digest_pinned_to_the_pushed_digest(string image, string repository)
    {
        var published = new PublishedImage(image, Digest, 596);

        Assert.Equal($"{repository}@{Digest}", published.Reference);
    }

    [Fact]
    public void The_size_is_plain_decimal_and_unknown_stays_null()
    {
        Assert.Equal("5000001007", new PublishedImage("r/a:1", Digest, 5_000_001_007L).SizeText);
        Assert.Null(new PublishedImage("r/a:1", Digest, null).SizeText);
    }
}
