namespace BuildRunner.Bench;

/// <summary>What the runner costs over plain buildah for one workload on one driver.</summary>
/// <param name="Workload">The workload.</param>
/// <param name="Driver">The storage driver.</param>
/// <param name="Ratio">The runner's median over buildah's median: 1.0 is no overhead.</param>
public sealed record BenchOverhead(string Workload, string Driver, double Ratio)
{
    /// <summary>The overhead of <paramref name="runner"/> over <paramref name="buildah"/> (same workload and driver).</summary>
    public static BenchOverhead Of(BenchRecord runner, BenchRecord buildah)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(buildah);
        return new BenchOverhead(runner.Workload, runner.Driver, runner.Seconds.Median / buildah.Seconds.Median);
    }
}
