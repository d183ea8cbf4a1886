using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public class RetrySettingsTests
{
    private static BuildSettings From(params (string Name, string Value)[] values) =>
        BuildSettings.From(SettingsResolver.Resolve(
        [
            new SettingLayer(SettingSource.PodAnnotation, "pod annotations", values.ToDictionary(v => SettingDefinition.AnnotationPrefix + v.Name, v => v.Value, StringComparer.Ordinal)),
        ]));

    [Fact]
    public void By_default_a_pull_or_push_is_retried_3_times_2_seconds_apart_as_buildah_itself_would()
    {
        var settings = From();

        Assert.Equal(3, settings.Retries);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.RetryDelay);
        Assert.Equal("3", SettingsCatalog.Retries.DefaultValue);
        Assert.Equal("2s", SettingsCatalog.RetryDelay.DefaultValue);
    }

    [Fact]
    public void Annotations_set_the_count_and_the_delay()
    {
        var settings = From(("retries", "0"), ("retry-delay", "250MS"));

        Assert.Equal(0, settings.Retries);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.RetryDelay);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("three")]
    [InlineData("2147483648")]
    public void A_count_that_is_not_a_whole_number_that_fits_is_refused_naming_the_key(string raw)
    {
        var error = Assert.Throws<RunnerException>(() => SettingValidator.Normalize(SettingsCatalog.Retries, raw, "pod annotation"));

        Assert.Equal(("invalid-setting", 3), (error.Code, error.ExitCode));
        Assert.Contains("build-runner/retries (flag --retries)", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowed: a whole number, such as 3", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("epoch", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("2")]
    [InlineData("1h")]
    [InlineData("soon")]
    public void A_delay_that_is_not_a_duration_above_zero_is_refused_with_examples(string raw)
    {
        var error = Assert.Throws<RunnerException>(() => SettingValidator.Normalize(SettingsCatalog.RetryDelay, raw, "pod annotation"));

        Assert.Contains("build-runner/retry-delay (flag --retry-delay)", error.Message, StringComparison.Ordinal);
        Assert.Contains("such as 500ms, 2s or 1m", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delay_is_kept_in_lower_case()
    {
        Assert.Equal("1500ms", SettingValidator.Normalize(SettingsCatalog.RetryDelay, " 1500MS ", "flag"));
    }

    [Fact]
    public void The_timestamp_still_takes_nothing_and_numbers_beyond_2038()
    {
        Assert.Equal("", SettingValidator.Normalize(SettingsCatalog.Timestamp, "", "flag"));
        Assert.Equal("4102444800", SettingValidator.Normalize(SettingsCatalog.Timestamp, "4102444800", "flag"));
    }
}
