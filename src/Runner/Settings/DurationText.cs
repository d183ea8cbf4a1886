using System.Globalization;

namespace BuildRunner.Settings;

/// <summary>
/// Durations as settings write them and buildah reads them: a whole number with <c>ms</c>, <c>s</c> or <c>m</c>
/// (<c>500ms</c>, <c>2s</c>, <c>1m</c>). A subset of Go's duration syntax, so the text can go to buildah's
/// <c>--retry-delay</c> unchanged in meaning, and small enough to read at a glance.
/// </summary>
public static class DurationText
{
    /// <summary>Reads <paramref name="text"/> (any case, no spaces inside); false unless it is a duration above zero.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = TimeSpan.Zero;
        var lower = text.Trim().ToLowerInvariant();
        var (unit, scale) = lower.EndsWith("ms", StringComparison.Ordinal) ? ("ms", 1L)
            : lower.EndsWith('s') ? ("s", 1000L)
            : lower.EndsWith('m') ? ("m", 60_000L)
            : ("", 0L);
        if (scale == 0 || !long.TryParse(lower[..^unit.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        // A day at most: a longer wait between retries is a misconfiguration, and TimeSpan arithmetic stays in range.
        if (amount <= 0 || amount > TimeSpan.FromDays(1).TotalMilliseconds / scale)
        {
            return false;
        }
        duration = TimeSpan.FromMilliseconds(amount * scale);
        return true;
    }

    /// <summary>Reads a duration that was validated already.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not a duration.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"\"{text}\" is not a duration such as 2s");

    /// <summary>The shortest text for <paramref name="duration"/>: <c>2s</c>, <c>1m</c>, else milliseconds (<c>1500ms</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        return ms % 60_000 == 0 && ms > 0 ? string.Create(CultureInfo.InvariantCulture, $"{ms / 60_000}m")
            : ms % 1000 == 0 && ms > 0 ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000}s")
            : string.Create(CultureInfo.InvariantCulture, $"{ms}ms");
    }
}
