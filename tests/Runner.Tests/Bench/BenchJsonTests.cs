using System.Text.Json;
using BuildRunner.Bench;

namespace BuildRunner.Tests.Bench;

public class BenchJsonTests
{
    private static JsonElement Parse(BenchReport report) => JsonDocument.Parse(BenchJson.Write(report)).RootElement;

    [Fact]
    public void Every_record_has_workload_driver_tool_seconds_and_storage_bytes()
    {
        var json = Parse(BenchReports.TwoByTwo());

        var records = json.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(8, records.Count);
        foreach (var record in records)
        {
            Assert.False(string.IsNullOrEmpty(record.GetProperty("workload").GetString()));
            Assert.Contains(record.GetProperty("driver").GetString(), new[] { "overlay", "vfs" });
            Assert.Contains(record.GetProperty("tool").GetString(), new[] { "runner", "buildah" });
            var seconds = record.GetProperty("seconds");
            Assert.Equal(3, seconds.GetProperty("runs").GetInt32());
            Assert.True(seconds.GetProperty("min").GetDouble() <= seconds.GetProperty("median").GetDouble());
            Assert.True(seconds.GetProperty("median").GetDouble() <= seconds.GetProperty("max").GetDouble());
            Assert.Equal(3, seconds.GetProperty("samples").GetArrayLength());
            Assert.True(record.GetProperty("storageBytes").GetInt64() > 0);
        }
    }

    [Fact]
    public void The_record_fields_have_the_names_the_issue_gives_them()
    {
        var record = Parse(BenchReports.TwoByTwo()).GetProperty("records")[0];

        Assert.Equal(["workload", "driver", "tool", "seconds", "storageBytes"], record.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["median", "min", "max", "runs", "samples"], record.GetProperty("seconds").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Each_workload_and_driver_has_one_overhead_that_is_the_ratio_of_the_medians()
    {
        var report = BenchReports.TwoByTwo();
        var json = Parse(report);

        var overheads = json.GetProperty("overhead").EnumerateArray().ToList();
        Assert.Equal(4, overheads.Count);
        foreach (var overhead in overheads)
        {
            var workload = overhead.GetProperty("workload").GetString()!;
            var driver = overhead.GetProperty("driver").GetString()!;
            var runner = report.Find(workload, driver, BenchTool.Runner)!;
            var buildah = report.Find(workload, driver, BenchTool.Buildah)!;
            Assert.Equal(runner.Seconds.Median / buildah.Seconds.Median, overhead.GetProperty("ratio").GetDouble(), 12);
        }
    }

    [Fact]
    public void The_machine_and_the_notes_travel_with_the_numbers()
    {
        var json = Parse(BenchReports.TwoByTwo());

        Assert.Equal(2, json.GetProperty("machine").GetProperty("processors").GetInt32());
        Assert.Equal("1.00 0.50 0.25", json.GetProperty("machine").GetProperty("loadAtStart").GetString());
        Assert.Contains("fuse-overlayfs skipped", json.GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(3, json.GetProperty("iterations").GetInt32());
    }

    [Fact]
    public void The_cache_pass_gives_cold_and_rebuild_times_their_ratio_and_the_steps_run_again()
    {
        var cache = Assert.Single(Parse(BenchReports.WithCachePass()).GetProperty("cachePass").EnumerateArray());

        Assert.Equal("deps-and-sources", cache.GetProperty("workload").GetString());
        Assert.Equal("src/main.sh", cache.GetProperty("editedFile").GetString());
        Assert.Equal(6.0, cache.GetProperty("cold").GetProperty("median").GetDouble());
        Assert.Equal(2.0, cache.GetProperty("rebuild").GetProperty("median").GetDouble());
        Assert.Equal(2.0 / 6.0, cache.GetProperty("ratio").GetDouble(), 6);
        Assert.Equal((7, 5, 2), (cache.GetProperty("steps").GetInt32(), cache.GetProperty("stepsFromCache").GetInt32(), cache.GetProperty("stepsRun").GetInt32()));
    }

    [Fact]
    public void Without_the_cache_pass_its_list_is_empty() =>
        Assert.Equal(0, Parse(BenchReports.TwoByTwo()).GetProperty("cachePass").GetArrayLength());
}
