using BuildRunner.Bench;

namespace BuildRunner.Tests.Bench;

public class BenchMarkdownTests
{
    [Fact]
    public void The_table_has_one_row_per_workload_and_driver_with_both_medians_and_the_overhead()
    {
        var report = BenchReports.TwoByTwo();

        var lines = BenchMarkdown.Write(report).Split('\n');

        var rows = lines.Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| workload", StringComparison.Ordinal) && !l.StartsWith("| ---", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal("| small-files | overlay | 2.10 s (2.00–2.40) | 1.90 s (1.80–2.00) | **1.11** | 4.8 MiB | 3.8 MiB |", rows[0]);
    }

    [Fact]
    public void The_notes_follow_the_table()
    {
        var text = BenchMarkdown.Write(BenchReports.TwoByTwo());

        Assert.Contains("\n- fuse-overlayfs skipped: not usable here (no /dev/fuse)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cache_pass_is_a_second_table_with_the_ratio_and_the_steps_run_again()
    {
        var text = BenchMarkdown.Write(BenchReports.WithCachePass());

        Assert.Contains("| deps-and-sources | overlay | 6.00 s (5.00–7.00) | 2.00 s (1.50–2.50) | **0.33** | 2 of 7 (src/main.sh changed) |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Layer cache", BenchMarkdown.Write(BenchReports.TwoByTwo()), StringComparison.Ordinal);
    }
}
