using System.Collections.Immutable;
using BuildRunner.Storage;

namespace BuildRunner.Bench;

/// <summary>What <c>build-runner bench</c> was asked to do.</summary>
/// <param name="Workloads">The workloads, in order.</param>
/// <param name="Drivers">The drivers asked for; empty means every usable one.</param>
/// <param name="Iterations">Runs per workload × driver × tool.</param>
/// <param name="Root">The bench's own folder on the storage volume: contexts and the fresh store; removed at the end.</param>
/// <param name="Registry">A registry (HOST:PORT, plain HTTP) to push the multi-stage base image to, or null.</param>
/// <param name="BaseImage">A base image to use for the multi-stage workload instead, or null.</param>
/// <param name="Busybox">busybox-static, the shell of the RUN workloads.</param>
/// <param name="Sizes">How much the file workloads generate.</param>
/// <param name="DefaultsPath">The cluster defaults file both tools' plan is made with.</param>
/// <param name="OverridesPath">The cluster overrides file.</param>
/// <param name="Settings">Setting flags given to bench, passed to every build (by annotation key, raw).</param>
/// <param name="CachePass">
/// Also time the layer cache: per workload with a source file to change, a cold build pushing to a fresh cache
/// repository in <paramref name="Registry"/>, then a rebuild in a fresh store after that file changed.
/// </param>
/// <param name="DebianBase">The Debian base image of the <c>debian-app</c> workload, or null (it is then skipped).</param>
public sealed record BenchOptions(
    ImmutableArray<BenchWorkload> Workloads,
    ImmutableArray<StorageDriver> Drivers,
    int Iterations,
    string Root,
    string? Registry,
    string? BaseImage,
    string Busybox,
    WorkloadSizes Sizes,
    string DefaultsPath,
    string OverridesPath,
    ImmutableDictionary<string, string> Settings,
    bool CachePass = false,
    string? DebianBase = null)
{
    /// <summary>Where the bench works unless told: on the pod's emptyDir, beside the default storage root.</summary>
    public const string DefaultRoot = "/var/lib/containers/build-runner-bench";

    /// <summary>Where Debian's busybox-static puts its binary.</summary>
    public const string DefaultBusybox = "/bin/busybox";

    /// <summary>Runs per workload × driver × tool unless told.</summary>
    public const int DefaultIterations = 5;
}
