using BuildRunner.Secrets;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Secrets;

public class SecretSettingsTests
{
    private static readonly SecretMask Mask = new(["arg-s3cr3t"]);

    [Fact]
    public void The_build_args_annotation_keeps_each_name_and_hides_every_value_whatever_its_length()
    {
        var shown = SecretSettings.ShownAnnotation("build-runner/build-args", "TOKEN=arg-s3cr3t\nVERSION=1.2\n\nURL=http://x/?a=b", Mask);

        Assert.Equal("TOKEN=***\nVERSION=***\n\nURL=***", shown);
    }

    [Fact]
    public void A_secret_value_in_any_other_annotation_is_masked()
    {
        var lastApplied = """{"metadata":{"annotations":{"build-runner/build-args":"TOKEN=arg-s3cr3t"}}}""";

        var shown = SecretSettings.ShownAnnotation("kubectl.kubernetes.io/last-applied-configuration", lastApplied, Mask);

        Assert.Equal("""{"metadata":{"annotations":{"build-runner/build-args":"TOKEN=***"}}}""", shown);
    }

    [Fact]
    public void Other_settings_are_shown_as_they_are_unless_they_hold_a_secret_value()
    {
        Assert.Equal("id=token,src=/run/secrets/token", SecretSettings.Shown(SettingsCatalog.Secrets, "id=token,src=/run/secrets/token", Mask));
        Assert.Equal("copy=***", SecretSettings.Shown(SettingsCatalog.Labels, "copy=arg-s3cr3t", Mask));
    }

    [Fact]
    public void An_item_without_an_equals_sign_is_hidden_whole()
    {
        Assert.Equal("***", SecretSettings.Shown(SettingsCatalog.BuildArgs, "arg-s3cr3t-typed-alone", SecretMask.None));
    }
}
