using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public class BuildSecretTests
{
    private const string Origin = "pod annotations file \"/etc/podinfo/annotations\"";

    [Theory]
    [InlineData("id=token,src=/run/secrets/token")]
    [InlineData(" src=/run/secrets/token , id=token ")]
    public void An_item_names_an_id_and_a_source_file_in_either_order(string item)
    {
        Assert.True(BuildSecret.TryParse(item, out var secret, out _));
        Assert.Equal(new BuildSecret("token", "/run/secrets/token"), secret);
        Assert.Equal("id=token,src=/run/secrets/token", secret.ToArgument());
    }

    [Theory]
    [InlineData("token", "neither id=NAME nor src=PATH")]
    [InlineData("id=token", "both id=NAME and src=PATH are needed")]
    [InlineData("src=/x", "both id=NAME and src=PATH are needed")]
    [InlineData("id=,src=/x", "both id=NAME and src=PATH are needed")]
    [InlineData("id=a,id=b,src=/x", "id is given twice")]
    [InlineData("id=token,src=/x,type=env", "\"type=env\" is neither")]
    [InlineData("id=to ken,src=/x", "may hold only letters")]
    [InlineData("id=../token,src=/x", "may hold only letters")]
    public void A_malformed_item_says_what_is_wrong(string item, string reason)
    {
        Assert.False(BuildSecret.TryParse(item, out _, out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_setting_takes_one_item_per_line_in_normal_form()
    {
        var normal = SettingValidator.Normalize(SettingsCatalog.Secrets, "src=/s/token,id=token\n\n id=npmrc,src=.npmrc \n", Origin);

        Assert.Equal("id=token,src=/s/token\nid=npmrc,src=.npmrc", normal);
    }

    [Theory]
    [InlineData("id=token", "both id=NAME and src=PATH are needed")]
    [InlineData("id=token,src=/a\nid=token,src=/b", "each id once (\"token\" is given twice)")]
    public void A_malformed_setting_is_an_invalid_setting_naming_the_key_and_the_shape(string raw, string reason)
    {
        var error = Assert.Throws<RunnerException>(() => SettingValidator.Normalize(SettingsCatalog.Secrets, raw, Origin));

        Assert.Equal("invalid-setting", error.Code);
        Assert.Equal(ExitCodes.InvalidSettings, error.ExitCode);
        Assert.Contains("build-runner/secrets (flag --secret)", error.Message, StringComparison.Ordinal);
        Assert.Contains("one id=NAME,src=PATH per line", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_settings_carry_each_secret()
    {
        var settings = BuildSettings.From(SettingsResolver.Resolve(
        [
            new SettingLayer(SettingSource.PodAnnotation, "pod annotations", new Dictionary<string, string>
            {
                ["build-runner/secrets"] = "id=token,src=/s/token\nid=npmrc,src=/s/npmrc",
            }),
        ]));

        Assert.Equal([new BuildSecret("token", "/s/token"), new BuildSecret("npmrc", "/s/npmrc")], settings.Secrets.AsEnumerable());
    }
}
