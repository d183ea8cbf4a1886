using System.Collections.Immutable;

namespace BuildRunner.Bench;

/// <summary>The wall-clock times of one workload × driver × tool, summarised.</summary>
/// <param name="Median">The median, in seconds (the mean of the middle two for an even count).</param>
/// <param name="Min">The fastest run.</param>
/// <param name="Max">The slowest run.</param>
/// <param name="Runs">How many runs.</param>
/// <param name="Samples">Every run's time, in the order run, so a reader can check the summary.</param>
public sealed record TimingSummary(double Median, double Min, double Max, int Runs, ImmutableArray<double> Samples)
{
    /// <summary>The summary of <paramref name="seconds"/>.</summary>
    /// <exception cref="ArgumentException">No times.</exception>
    public static TimingSummary Of(IReadOnlyList<double> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        if (seconds.Count == 0)
        {
            throw new ArgumentException("a summary needs at least one run", nameof(seconds));
        }
        var sorted = seconds.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new TimingSummary(median, sorted[0], sorted[^1], sorted.Length, [.. seconds]);
    }
}
