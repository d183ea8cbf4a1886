using System.Collections.Immutable;
using BuildRunner.Bench;

namespace BuildRunner.Tests.Bench;

/// <summary>A small report for the output tests: two workloads, two drivers, both tools.</summary>
internal static class BenchReports
{
    public static BenchReport TwoByTwo()
    {
        var records = ImmutableArray.CreateBuilder<BenchRecord>();
        var overhead = ImmutableArray.CreateBuilder<BenchOverhead>();
        var factor = 1.0;
        foreach (var workload in new[] { "small-files", "run-layers" })
        {
            foreach (var driver in new[] { "overlay", "vfs" })
            {
                var runner = new BenchRecord(workload, driver, "runner", TimingSummary.Of([2.1 * factor, 2.0 * factor, 2.4 * factor]), 5_000_000);
                var buildah = new BenchRecord(workload, driver, "buildah", TimingSummary.Of([1.9 * factor, 2.0 * factor, 1.8 * factor]), 4_000_000);
                records.Add(runner);
                records.Add(buildah);
                overhead.Add(BenchOverhead.Of(runner, buildah));
                factor += 0.5;
            }
        }
        return new BenchReport(3, ["small-files", "run-layers"], ["overlay", "vfs"], records.ToImmutable(), overhead.ToImmutable(),
            new BenchMachine(2, "1.00 0.50 0.25", "1.10 0.60 0.30", "0.1.0"), ["fuse-overlayfs skipped: not usable here (no /dev/fuse)"]);
    }

    /// <summary>The same with a layer-cache pass on one workload.</summary>
    public static BenchReport WithCachePass()
    {
        var cold = TimingSummary.Of([6.0, 5.0, 7.0]);
        var rebuild = TimingSummary.Of([2.0, 2.5, 1.5]);
        return TwoByTwo() with
        {
            CachePass = [new BenchCacheRecord("deps-and-sources", "overlay", "src/main.sh", cold, rebuild, rebuild.Median / cold.Median, 7, 5)],
        };
    }
}
