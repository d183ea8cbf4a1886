using System.Text;
using BuildRunner.Secrets;

namespace BuildRunner.Tests.Secrets;

public class AuthFileSecretsTests
{
    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void The_auth_field_is_hidden_as_written_as_decoded_and_as_the_password_alone_while_the_user_name_stays_visible()
    {
        var auth = Base64("robot$builder:pa55-w0rd-xyz");
        var values = AuthFileSecrets.Values("{\"auths\":{\"registry.example:5000\":{\"auth\":\"" + auth + "\",\"email\":\"ci@example.com\"}}}");

        Assert.Contains(auth, values);
        Assert.Contains("robot$builder:pa55-w0rd-xyz", values);
        Assert.Contains("pa55-w0rd-xyz", values);
        Assert.DoesNotContain("robot$builder", values);
        Assert.DoesNotContain("ci@example.com", values);
        Assert.DoesNotContain("registry.example:5000", values);
    }

    [Fact]
    public void Passwords_identity_tokens_and_registry_tokens_are_hidden()
    {
        var values = AuthFileSecrets.Values("""
            {"auths": {
              "a.example": {"username": "me", "password": "pw-one-1"},
              "b.example": {"identitytoken": "idt-two-2"},
              "c.example": {"registrytoken": "rt-three-3"}
            }}
            """);

        Assert.Equal(["pw-one-1", "idt-two-2", "rt-three-3"], values);
    }

    [Fact]
    public void A_legacy_dockercfg_with_registries_at_the_top_level_is_read_too()
    {
        var auth = Base64("user:legacy-pass");

        var values = AuthFileSecrets.Values("{\"registry.example\":{\"auth\":\"" + auth + "\",\"email\":\"x@y\"}}");

        Assert.Equal([auth, "user:legacy-pass", "legacy-pass"], values);
    }

    [Fact]
    public void An_auth_field_that_is_not_base64_is_hidden_as_written()
    {
        Assert.Equal(["not base64!"], AuthFileSecrets.Values("""{"auths":{"r":{"auth":"not base64!"}}}"""));
    }

    [Fact]
    public void A_file_that_is_not_JSON_is_hidden_whole_and_line_by_line()
    {
        var values = AuthFileSecrets.Values("{\"auths\": {\"r\": {\"auth\": \"dXNlcjpwYXNz\"\n");

        Assert.Contains("{\"auths\": {\"r\": {\"auth\": \"dXNlcjpwYXNz\"", values);
    }

    [Fact]
    public void Credential_helpers_and_empty_entries_add_nothing()
    {
        Assert.Empty(AuthFileSecrets.Values("""{"auths":{"r":{}},"credHelpers":{"gcr.io":"gcloud"}}"""));
    }
}
