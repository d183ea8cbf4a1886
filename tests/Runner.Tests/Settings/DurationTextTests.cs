using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public class DurationTextTests
{
    [Theory]
    [InlineData("2s", 2000)]
    [InlineData("500ms", 500)]
    [InlineData("1m", 60_000)]
    [InlineData(" 3S ", 3000)]
    [InlineData("1440m", 86_400_000)]
    public void Whole_numbers_of_milliseconds_seconds_or_minutes_are_durations(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("0s")]
    [InlineData("-1s")]
    [InlineData("1.5s")]
    [InlineData("2 s")]
    [InlineData("1h")]
    [InlineData("1441m")]
    [InlineData("s")]
    [InlineData("ms")]
    [InlineData("99999999999999999999s")]
    public void Anything_else_is_not_a_duration(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(2000, "2s")]
    [InlineData(60_000, "1m")]
    [InlineData(90_000, "90s")]
    [InlineData(1500, "1500ms")]
    [InlineData(100, "100ms")]
    public void Durations_are_written_in_the_largest_whole_unit_so_buildah_reads_the_same_length(long milliseconds, string text)
    {
        Assert.Equal(text, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DurationText.Parse(text));
    }
}
