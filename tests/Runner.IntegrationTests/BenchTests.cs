using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary><c>build-runner bench</c> in the sandbox: every field it promises, checked against the runs it made.</summary>
[Collection(IntegrationTier.Name)]
public sealed partial class BenchTests(RegistryFixture registry)
{
    private static readonly string[] Workloads = ["small-files", "run-layers"];
    private static readonly string[] Drivers = ["overlay", "vfs"];
    private static readonly string[] Tools = ["runner", "buildah"];
    private const int Iterations = 3;

    [Fact]
    public async Task Bench_on_two_workloads_with_three_iterations_reports_every_run_it_made_as_json_svg_and_a_table()
    {
        using var sandbox = Sandbox.Create("bench");
        var json = Path.Combine(sandbox.Out, "bench.json");
        var svg = Path.Combine(sandbox.Out, "bench.svg");

        var run = await sandbox.RunAsync(new SandboxOptions(), null, sandbox.Binary, "bench",
            "--workload", "small-files", "--workload", "run-layers", "--driver", "overlay", "--driver", "vfs",
            "--iterations", "3", "--json", json, "--svg", svg);

        Assert.True(run.ExitCode == 0, run.All);

        // The runs it made, as its progress lines on stderr told them: one per workload × driver × tool × iteration.
        var made = ProgressLine().Matches(run.StandardError)
            .Select(m => (Workload: m.Groups["workload"].Value, Driver: m.Groups["driver"].Value, Tool: m.Groups["tool"].Value,
                Seconds: m.Groups["seconds"].Value))
            .ToList();
        Assert.Equal(Workloads.Length * Drivers.Length * Tools.Length * Iterations, made.Count);

        var report = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        var records = report.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(Workloads.Length * Drivers.Length * Tools.Length, records.Count);
        foreach (var workload in Workloads)
        {
            foreach (var driver in Drivers)
            {
                var medians = new Dictionary<string, double>();
                foreach (var tool in Tools)
                {
                    var record = Assert.Single(records, r => r.GetProperty("workload").GetString() == workload
                        && r.GetProperty("driver").GetString() == driver && r.GetProperty("tool").GetString() == tool);
                    var seconds = record.GetProperty("seconds");
                    var (median, min, max) = (seconds.GetProperty("median").GetDouble(), seconds.GetProperty("min").GetDouble(), seconds.GetProperty("max").GetDouble());
                    Assert.Equal(Iterations, seconds.GetProperty("runs").GetInt32());
                    Assert.True(min <= median && median <= max, $"{workload} {driver} {tool}: min {min}, median {median}, max {max}");
                    Assert.True(record.GetProperty("storageBytes").GetInt64() > 0, $"{workload} {driver} {tool}: no storage bytes");

                    // The summary is of the runs it made: the same times, in the order run.
                    var samples = seconds.GetProperty("samples").EnumerateArray().Select(s => s.GetDouble()).ToList();
                    var shown = made.Where(m => (m.Workload, m.Driver, m.Tool) == (workload, driver, tool)).Select(m => m.Seconds).ToList();
                    Assert.Equal(shown, samples.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)));
                    var sorted = samples.Order().ToList();
                    Assert.Equal((sorted[1], sorted[0], sorted[2]), (median, min, max));
                    medians[tool] = median;
                }
                var overhead = Assert.Single(report.GetProperty("overhead").EnumerateArray(),
                    o => o.GetProperty("workload").GetString() == workload && o.GetProperty("driver").GetString() == driver);
                Assert.Equal(medians["runner"] / medians["buildah"], overhead.GetProperty("ratio").GetDouble(), 12);
                Assert.Contains($"| {workload} | {driver} |", run.StandardOutput, StringComparison.Ordinal);
            }
        }
        Assert.Equal(Workloads.Length * Drivers.Length, report.GetProperty("overhead").GetArrayLength());

        XNamespace ns = "http://www.w3.org/2000/svg";
        var bars = XDocument.Load(svg).Descendants(ns + "rect").Where(r => r.Attribute("data-tool") is not null).ToList();
        Assert.Equal(records.Count, bars.Count);
        Assert.Equal(
            records.Select(r => (r.GetProperty("workload").GetString(), r.GetProperty("driver").GetString(), r.GetProperty("tool").GetString())).Order(),
            bars.Select(b => ((string?)b.Attribute("data-workload"), (string?)b.Attribute("data-driver"), (string?)b.Attribute("data-tool"))).Order());

        // It cleans up its stores and contexts.
        Assert.False(Directory.Exists(Path.Combine(sandbox.Volume, "build-runner-bench")), "the bench left its folder on the volume");
    }

    [Fact]
    public async Task The_cache_pass_rebuilds_in_a_fresh_store_after_one_changed_file_and_runs_again_only_the_steps_from_it_on()
    {
        using var sandbox = Sandbox.Create("bench-cache");
        var json = Path.Combine(sandbox.Out, "bench.json");

        var run = await sandbox.RunAsync(new SandboxOptions(), null, sandbox.Binary, "bench",
            "--workload", "deps-and-sources", "--driver", "overlay", "--iterations", "1", "--cache-pass", "--registry", registry.Address, "--json", json);

        Assert.True(run.ExitCode == 0, run.All);
        var cache = Assert.Single(JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("cachePass").EnumerateArray());
        Assert.Equal("deps-and-sources", cache.GetProperty("workload").GetString());
        Assert.Equal("src/main.sh", cache.GetProperty("editedFile").GetString());
        Assert.Equal(1, cache.GetProperty("cold").GetProperty("runs").GetInt32());
        Assert.Equal(1, cache.GetProperty("rebuild").GetProperty("runs").GetInt32());
        // Six steps after FROM: the four before the sources come from the cache, COPY src/ and the RUN after it run again.
        Assert.Equal(6, cache.GetProperty("steps").GetInt32());
        Assert.Equal(4, cache.GetProperty("stepsFromCache").GetInt32());
        Assert.Equal(2, cache.GetProperty("stepsRun").GetInt32());
        Assert.Contains("| deps-and-sources | overlay |", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2 of 6 (src/main.sh changed)", run.StandardOutput, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^bench \[\d+/\d+\] (?<workload>\S+) (?<driver>\S+) (?<tool>runner|buildah) run \d+/\d+: (?<seconds>[0-9.]+) s$", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();
}
