using System.Collections.Immutable;

namespace BuildRunner.Bench;

/// <summary>What <c>build-runner bench</c> measured: the <c>--json</c> file, and what the table and chart are drawn from.</summary>
/// <param name="Iterations">Runs per workload × driver × tool.</param>
/// <param name="Workloads">The workloads built, in order.</param>
/// <param name="Drivers">The drivers used, in order.</param>
/// <param name="Records">One per workload × driver × tool.</param>
/// <param name="Overhead">One per workload × driver: runner median over buildah median.</param>
/// <param name="Machine">Where it ran, and how busy the machine was.</param>
/// <param name="Notes">What was skipped or chosen, and why.</param>
public sealed record BenchReport(
    int Iterations,
    ImmutableArray<string> Workloads,
    ImmutableArray<string> Drivers,
    ImmutableArray<BenchRecord> Records,
    ImmutableArray<BenchOverhead> Overhead,
    BenchMachine Machine,
    ImmutableArray<string> Notes)
{
    /// <summary>The layer-cache pass (<c>--cache-pass</c>): one per workload × driver that has a file to change; empty without it.</summary>
    public ImmutableArray<BenchCacheRecord> CachePass { get; init; } = [];

    /// <summary>The record of <paramref name="workload"/> on <paramref name="driver"/> by <paramref name="tool"/>, or null.</summary>
    public BenchRecord? Find(string workload, string driver, BenchTool tool) =>
        Records.FirstOrDefault(r => r.Workload == workload && r.Driver == driver && r.Tool == tool.ToName());
}

/// <summary>The machine a bench ran on.</summary>
/// <param name="Processors">Logical processors.</param>
/// <param name="LoadAtStart"><c>/proc/loadavg</c>'s 1, 5 and 15 minute load when the bench started.</param>
/// <param name="LoadAtEnd">The same when it ended: a load above the processor count means the numbers are noisy.</param>
/// <param name="RunnerVersion">The runner's version.</param>
public sealed record BenchMachine(int Processors, string LoadAtStart, string LoadAtEnd, string RunnerVersion);
