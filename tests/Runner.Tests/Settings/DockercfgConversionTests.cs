using System.Text;
using System.Text.Json;
using BuildRunner.Secrets;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public sealed class DockercfgConversionTests
{
    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static readonly string PushAuth = Base64("pusher:push-Secret-1");
    private static readonly string PullAuth = Base64("puller:pull-Secret-2");

    // What OpenShift mounts for a kubernetes.io/dockercfg Secret (the builder service account's own): registries at the top.
    private static readonly string LegacyPush = $$$"""
        {"registry.example.com:5000":{"auth":"{{{PushAuth}}}","email":"builder@example.com"},
         "https://index.docker.io/v1/":{"auth":"{{{PushAuth}}}","email":""}}
        """;

    // A kubernetes.io/dockerconfigjson Secret: the same under "auths".
    private static readonly string ConfigJsonPull = $$$"""
        {"auths":{"mirror.example.com":{"auth":"{{{PullAuth}}}"},"registry.example.com:5000":{"auth":"{{{PullAuth}}}"} }}
        """;

    private static JsonElement Auths(string json) => JsonDocument.Parse(json).RootElement.GetProperty("auths");

    [Fact]
    public void A_legacy_dockercfg_becomes_an_auths_file_with_url_keys_reduced_to_their_host()
    {
        var result = DockercfgConversion.Convert([new("push secret", "/push/.dockercfg", LegacyPush)]);

        var auths = Auths(result.Json);
        Assert.Equal(["registry.example.com:5000", "docker.io"], auths.EnumerateObject().Select(p => p.Name));
        Assert.Equal(PushAuth, auths.GetProperty("registry.example.com:5000").GetProperty("auth").GetString());
        // Only what buildah reads is written: no email.
        Assert.Equal(["auth"], auths.GetProperty("docker.io").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["registry.example.com:5000", "docker.io"], result.Registries.AsEnumerable());
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_dockerconfigjson_keeps_its_entries()
    {
        var result = DockercfgConversion.Convert([new("pull secret", "/pull/.dockerconfigjson", ConfigJsonPull)]);

        Assert.Equal(["mirror.example.com", "registry.example.com:5000"], result.Registries.AsEnumerable());
        Assert.Equal(PullAuth, Auths(result.Json).GetProperty("mirror.example.com").GetProperty("auth").GetString());
    }

    [Fact]
    public void Pull_and_push_secrets_merge_into_one_file_and_the_later_push_secret_wins_a_registry_both_name()
    {
        var result = DockercfgConversion.Convert(
        [
            new("pull secret", "/pull/.dockerconfigjson", ConfigJsonPull),
            new("push secret", "/push/.dockercfg", LegacyPush),
        ]);

        var auths = Auths(result.Json);
        Assert.Equal(["mirror.example.com", "registry.example.com:5000", "docker.io"], result.Registries.AsEnumerable());
        Assert.Equal(PushAuth, auths.GetProperty("registry.example.com:5000").GetProperty("auth").GetString());
        Assert.Equal(PullAuth, auths.GetProperty("mirror.example.com").GetProperty("auth").GetString());
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("the pull secret and the push secret both hold credentials for registry.example.com:5000; the push secret's are used for it", warning);
    }

    [Fact]
    public void Username_and_password_without_auth_become_the_auth_buildah_reads()
    {
        var result = DockercfgConversion.Convert([new("push secret", "/p", """{"auths":{"r.example":{"username":"u","password":"p@ss:word"}}}""")]);

        Assert.Equal(Base64("u:p@ss:word"), Auths(result.Json).GetProperty("r.example").GetProperty("auth").GetString());
    }

    [Fact]
    public void An_identity_token_is_kept_and_an_entry_without_credentials_is_left_out_with_a_warning()
    {
        var result = DockercfgConversion.Convert([new("push secret", "/p/.dockercfg",
            """{"token.example":{"identitytoken":"tok-123456"},"empty.example":{"email":"x@example.com"}}""")]);

        Assert.Equal(["token.example"], result.Registries.AsEnumerable());
        Assert.Equal("tok-123456", Auths(result.Json).GetProperty("token.example").GetProperty("identitytoken").GetString());
        Assert.Contains("empty.example", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void The_converted_file_is_an_auth_file_and_its_secrets_are_masked()
    {
        var result = DockercfgConversion.Convert([new("push secret", "/push/.dockercfg", LegacyPush)]);

        Assert.Null(AuthFileShape.Problem(result.Json));
        var mask = new SecretMask(AuthFileSecrets.Values(result.Json));
        Assert.DoesNotContain("push-Secret-1", mask.Apply(result.Json), StringComparison.Ordinal);
        Assert.DoesNotContain(PushAuth, mask.Apply(result.Json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"r\":{\"auth\":\"c2VjcmV0LXZhbHVl\"", "it is not JSON")]
    [InlineData("[\"c2VjcmV0LXZhbHVl\"]", "it holds a JSON array")]
    [InlineData("{\"auths\":\"c2VjcmV0LXZhbHVl\"}", "its \"auths\" is a JSON string")]
    [InlineData("{\"r.example\":\"c2VjcmV0LXZhbHVl\"}", "the entry for r.example is a JSON string")]
    public void A_file_that_cannot_be_used_is_authfile_invalid_and_never_quotes_its_content(string content, string why)
    {
        var e = Assert.Throws<RunnerException>(() => DockercfgConversion.Convert([new("push secret", "/push/.dockercfg", content)]));

        Assert.Equal("authfile-invalid", e.Code);
        Assert.Equal(ExitCodes.InvalidSettings, e.ExitCode);
        Assert.Contains("reading the push secret \"/push/.dockercfg\": " + why, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LXZhbHVl", e.Message + e.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://index.docker.io/v1/", "docker.io")]
    [InlineData("http://registry.example.com:5000/v2/", "registry.example.com:5000")]
    [InlineData("registry.example.com:5000", "registry.example.com:5000")]
    [InlineData("registry.example.com/team/app", "registry.example.com/team/app")]
    [InlineData("index.docker.io", "docker.io")]
    public void Registry_keys_are_read_as_docker_reads_them(string key, string expected)
    {
        Assert.Equal(expected, DockercfgConversion.RegistryKey(key));
    }

    [Fact]
    public void Neither_record_prints_a_secret()
    {
        var source = new DockercfgConversion.Source("push secret", "/push/.dockercfg", LegacyPush);
        var result = DockercfgConversion.Convert([source]);

        Assert.DoesNotContain(PushAuth, source.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(PushAuth, result.ToString(), StringComparison.Ordinal);
    }
}
