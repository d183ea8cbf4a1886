using System.Collections.Immutable;
using BuildRunner.Planning;
using BuildRunner.Secrets;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Secrets;

public class SecretValuesTests
{
    private static BuildSettings Settings(params (string Name, string Value)[] values) =>
        BuildSettings.From(SettingsResolver.Resolve(
        [
            new SettingLayer(SettingSource.Flag, "test", values.ToDictionary(v => SettingDefinition.AnnotationPrefix + v.Name, v => v.Value, StringComparer.Ordinal)),
        ]));

    private static SecretFileFacts File(string id, string? content) =>
        new(new BuildSecret(id, $"/secrets/{id}"), $"/secrets/{id}", content, content is null ? "the file does not exist" : null);

    [Fact]
    public void Build_argument_values_secret_file_contents_and_registry_credentials_are_all_hidden()
    {
        var settings = Settings(("build-args", "TOKEN=arg-s3cr3t\nVERSION=1.2"), ("secrets", "id=token,src=/secrets/token"), ("authfile", "/auth.json"));
        var facts = new SecretFacts([File("token", "file-s3cr3t\n")], """{"auths":{"r.example":{"password":"auth-s3cr3t"}}}""");

        var mask = SecretValues.Collect(settings, facts);

        Assert.Equal("*** *** *** 1.2", mask.Apply("arg-s3cr3t file-s3cr3t auth-s3cr3t 1.2"));
    }

    [Fact]
    public void A_secret_file_that_cannot_be_read_adds_nothing()
    {
        var mask = SecretValues.Collect(Settings(("secrets", "id=token,src=/secrets/token")), new SecretFacts([File("token", null)], null));

        Assert.Equal(0, mask.Count);
    }

    [Fact]
    public void A_secret_file_is_hidden_whole_without_its_trailing_newline_and_line_by_line()
    {
        var values = SecretValues.OfFile("-----BEGIN KEY-----\r\nMIIEvQIBADANBg\nkqhkiG9w0BAQEF\n-----END KEY-----\n").ToList();

        Assert.Contains("MIIEvQIBADANBg", values);
        Assert.Contains("kqhkiG9w0BAQEF", values);
        Assert.Contains("-----BEGIN KEY-----\r\nMIIEvQIBADANBg\nkqhkiG9w0BAQEF\n-----END KEY-----", values);
        Assert.Equal(["s3cr3t"], SecretValues.OfFile("s3cr3t\n"));
    }

    [Fact]
    public void A_printed_multi_line_secret_is_masked_on_each_line_buildah_writes()
    {
        var mask = new SecretMask(SecretValues.OfFile("line-one-secret\nline-two-secret\n"));

        Assert.Equal(["***", "  ***"], new[] { "line-one-secret", "  line-two-secret" }.Select(mask.Apply));
    }

    [Fact]
    public void Without_secret_inputs_only_build_argument_values_are_hidden()
    {
        var mask = SecretValues.Collect(Settings(("build-args", "TOKEN=arg-s3cr3t")), SecretFacts.None);

        Assert.Equal(1, mask.Count);
        Assert.Equal("***", mask.Apply("arg-s3cr3t"));
    }

    [Fact]
    public void The_facts_never_print_a_secret()
    {
        var facts = new SecretFacts(ImmutableArray.Create(File("token", "file-s3cr3t")), "{\"auths\":{\"r\":{\"password\":\"auth-s3cr3t\"}}}");

        Assert.DoesNotContain("s3cr3t", facts.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", facts.Files[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("/secrets/token", facts.Files[0].ToString(), StringComparison.Ordinal);
    }
}
