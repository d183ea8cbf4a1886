using BuildRunner.Planning;

namespace BuildRunner.Tests.Planning;

public class UserNamespaceRequestTests
{
    private static Dictionary<string, string> Annotation(string mode) => new() { [UserNamespaceRequest.CriOAnnotation] = mode };

    [Theory]
    [InlineData("auto:size=65536", 65536)]
    [InlineData("auto", 0)]
    [InlineData("auto:", 0)]
    [InlineData(" auto:size=131072 ", 131072)]
    [InlineData("auto:uidmapping=0:100000:65536;size=131072", 131072)]
    [InlineData("auto:keep-id=true,size=4096", 4096)]
    [InlineData("auto:size=lots", 0)]
    [InlineData("private", 0)]
    public void The_CRI_O_annotation_asks_for_a_namespace_of_its_size(string mode, long size)
    {
        var request = UserNamespaceRequest.From(Annotation(mode), required: false);

        Assert.NotNull(request);
        Assert.Equal(size, request.MinimumSize);
        Assert.Contains($"{UserNamespaceRequest.CriOAnnotation}: \"{mode}\"", request.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("host")]
    [InlineData(" host ")]
    [InlineData("")]
    [InlineData("   ")]
    public void Host_mode_or_an_empty_annotation_asks_for_nothing(string mode)
    {
        Assert.Null(UserNamespaceRequest.From(Annotation(mode), required: false));
    }

    [Fact]
    public void No_annotation_and_no_requirement_asks_for_nothing()
    {
        Assert.Null(UserNamespaceRequest.From(new Dictionary<string, string> { ["build-runner/push"] = "true" }, required: false));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_require_user_namespace_setting_asks_for_any_namespace(bool hostAnnotation)
    {
        var annotations = hostAnnotation ? Annotation("host") : [];

        var request = UserNamespaceRequest.From(annotations, required: true);

        Assert.NotNull(request);
        Assert.Equal(0, request.MinimumSize);
        Assert.Contains("build-runner/require-user-namespace", request.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_annotation_names_the_request_when_both_ask()
    {
        var request = UserNamespaceRequest.From(Annotation("auto:size=65536"), required: true);

        Assert.NotNull(request);
        Assert.Equal(65536, request.MinimumSize);
        Assert.Contains(UserNamespaceRequest.CriOAnnotation, request.Reason, StringComparison.Ordinal);
    }
}
