using System.Collections.Immutable;
using BuildRunner.Host;
using BuildRunner.Identity;
using BuildRunner.Settings;
using BuildRunner.Storage;

namespace BuildRunner.Planning;

/// <summary>
/// Everything decided before anything is changed: the settings, the namespace and identity, the capability sets,
/// the rootless setup, the storage driver, and every problem found. <c>doctor</c> prints it; <c>build</c> acts on it.
/// </summary>
public sealed record Decision
{
    /// <summary>The settings and where each came from.</summary>
    public required GatheredSettings Gathered { get; init; }

    /// <summary>The typed settings.</summary>
    public required BuildSettings Settings { get; init; }

    /// <summary>The process's namespace and credentials.</summary>
    public required HostFacts Host { get; init; }

    /// <summary>The user namespace the pod asked for, or null.</summary>
    public UserNamespaceRequest? Request { get; init; }

    /// <summary>Identity mode and capability sets.</summary>
    public required PrivilegePlan Privileges { get; init; }

    /// <summary>What the pod's seccomp profile lets the build do.</summary>
    public required SeccompFacts Seccomp { get; init; }

    /// <summary>For a non-root user: the passwd entry and subordinate ranges needed.</summary>
    public RootlessSetup? Rootless { get; init; }

    /// <summary>For a non-root user: whether newuidmap/newgidmap will work.</summary>
    public NewIdMapVerdict? NewIdMap { get; init; }

    /// <summary>The storage driver chosen by the probe, or null when not probed yet.</summary>
    public StorageSelection? Storage { get; init; }

    /// <summary>Everything found, blocking first.</summary>
    public required ImmutableArray<Problem> Problems { get; init; }

    /// <summary><c>blocked</c> when a problem stops the build, <c>degraded</c> when one makes it worse, else <c>ready</c>.</summary>
    public string Verdict => Problems.Any(p => p.Blocking) ? "blocked" : Problems.IsEmpty ? "ready" : "degraded";
}
