using BuildRunner.Bench;

namespace BuildRunner.Tests.Bench;

public class TimingSummaryTests
{
    [Fact]
    public void An_odd_number_of_runs_has_the_middle_run_as_its_median()
    {
        var summary = TimingSummary.Of([3.0, 1.0, 2.0]);

        Assert.Equal(2.0, summary.Median);
        Assert.Equal(1.0, summary.Min);
        Assert.Equal(3.0, summary.Max);
        Assert.Equal(3, summary.Runs);
    }

    [Fact]
    public void An_even_number_of_runs_has_the_mean_of_the_middle_two_as_its_median()
    {
        var summary = TimingSummary.Of([4.0, 1.0, 3.0, 2.0]);

        Assert.Equal(2.5, summary.Median);
        Assert.Equal(1.0, summary.Min);
        Assert.Equal(4.0, summary.Max);
    }

    [Fact]
    public void One_run_is_its_own_median_min_and_max()
    {
        var summary = TimingSummary.Of([1.25]);

        Assert.Equal((1.25, 1.25, 1.25, 1), (summary.Median, summary.Min, summary.Max, summary.Runs));
    }

    [Fact]
    public void The_samples_keep_the_order_they_were_run_in()
    {
        var summary = TimingSummary.Of([3.0, 1.0, 2.0]);

        Assert.Equal([3.0, 1.0, 2.0], summary.Samples.ToArray());
    }

    [Fact]
    public void A_summary_of_no_runs_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TimingSummary.Of([]));
    }

    [Fact]
    public void The_overhead_is_the_runner_median_over_the_buildah_median()
    {
        var runner = new BenchRecord("w", "vfs", "runner", TimingSummary.Of([3.0, 3.3, 2.7]), 1);
        var buildah = new BenchRecord("w", "vfs", "buildah", TimingSummary.Of([2.0, 2.2, 1.8]), 1);

        var overhead = BenchOverhead.Of(runner, buildah);

        Assert.Equal(1.5, overhead.Ratio, 12);
        Assert.Equal(("w", "vfs"), (overhead.Workload, overhead.Driver));
    }
}
