namespace BuildRunner.Bench;

/// <summary>One workload built on one driver by one tool, every iteration.</summary>
/// <param name="Workload">The workload's name (or the context path given).</param>
/// <param name="Driver">The storage driver.</param>
/// <param name="Tool"><c>runner</c> or <c>buildah</c>.</param>
/// <param name="Seconds">The wall-clock times of the runs.</param>
/// <param name="StorageBytes">The store's size after a build (apparent size of its files, the largest over the runs).</param>
public sealed record BenchRecord(string Workload, string Driver, string Tool, TimingSummary Seconds, long StorageBytes);
