using BuildRunner.Secrets;

namespace BuildRunner.Tests.Secrets;

public class AuthFileShapeTests
{
    [Theory]
    [InlineData("""{"auths":{"r.example":{"auth":"dTpw"}}}""")]
    [InlineData("""{"r.example":{"auth":"dTpw","email":"a@b"}}""")]
    [InlineData("{}")]
    public void A_JSON_object_is_an_auth_file(string content) => Assert.Null(AuthFileShape.Problem(content));

    [Fact]
    public void Text_that_is_not_JSON_is_named_by_position_without_quoting_it()
    {
        var problem = AuthFileShape.Problem("{\"auths\": {\"r\": {\"auth\": hunter2-secret}}}");

        Assert.StartsWith("it is not JSON (the first error is on line 1, byte ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("'h'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_JSON_array_is_not_an_auth_file() =>
        Assert.Equal("it holds a JSON array, not an object with \"auths\"", AuthFileShape.Problem("[1,2]"));
}
