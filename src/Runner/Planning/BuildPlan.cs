using System.Collections.Immutable;
using BuildRunner.Identity;
using BuildRunner.Secrets;
using BuildRunner.Settings;
using BuildRunner.Storage;

namespace BuildRunner.Planning;

/// <summary>
/// Everything a build will do, decided before anything is changed: identity mode and capability changes, the
/// identity files to write, the storage step and configuration, the context, the exact buildah runs, and every
/// problem with its fix. <c>doctor</c> prints it; <c>build</c> carries it out. Made by <see cref="Planner"/> only.
/// </summary>
public sealed record BuildPlan
{
    /// <summary>What the plan was made from.</summary>
    public required Facts Facts { get; init; }

    /// <summary>The typed settings.</summary>
    public required BuildSettings Settings { get; init; }

    /// <summary>The user namespace the pod asked for, or null.</summary>
    public UserNamespaceRequest? Request { get; init; }

    /// <summary>Identity mode and capability sets.</summary>
    public required PrivilegePlan Privileges { get; init; }

    /// <summary>For a non-root user: the passwd entry and subordinate ranges to write; null for root.</summary>
    public RootlessSetup? Rootless { get; init; }

    /// <summary>For a non-root user: whether newuidmap/newgidmap will work.</summary>
    public NewIdMapVerdict? NewIdMap { get; init; }

    /// <summary>What the storage step probes.</summary>
    public required StorageRequest StorageRequest { get; init; }

    /// <summary>What the storage step's verdict depends on: the key it is remembered under in the storage root.</summary>
    public ProbeMemoKey? ProbeKey { get; init; }

    /// <summary>The storage configuration, once the storage step has chosen a driver.</summary>
    public StorageConfiguration? Storage { get; init; }

    /// <summary>Where <see cref="Storage"/> is written for buildah (<c>CONTAINERS_STORAGE_CONF</c>).</summary>
    public required string StorageConfPath { get; init; }

    /// <summary>
    /// The home folder buildah runs with when registry certificates are to be trusted (the registry-certs setting), in
    /// the work folder; its <c>.config/containers/certs.d</c> leads to them. Null when there are none.
    /// </summary>
    public string? BuildahHome { get; init; }

    /// <summary>Whether the build commits layers, why, and the layer cache it uses; null until storage is known.</summary>
    public LayersDecision? Layers { get; init; }

    /// <summary>For <c>prefetch</c>: the images the store already holds, which are not pulled again.</summary>
    public ImmutableArray<string> AlreadyInStore { get; init; } = [];

    /// <summary>Which read-only image stores buildah gets, and why; empty until the storage driver is known.</summary>
    public ImmutableArray<SharedStoreVerdict> SharedStores { get; init; } = [];

    /// <summary>Where buildah keeps its blob-info cache, so pushes skip the layers the registry holds.</summary>
    public required BlobInfoCachePlan BlobInfoCache { get; init; }

    /// <summary>The buildah runs, in order: the build, then one push per output image. Empty until storage is known.</summary>
    public required ImmutableArray<BuildahStep> Steps { get; init; }

    /// <summary>Hides the build's secret values (build arguments, secret files, registry credentials) wherever text is shown.</summary>
    public required SecretMask SecretMask { get; init; }

    /// <summary>The files the outcome is written to: the result file and the termination message.</summary>
    public ResultFiles ResultFiles => Facts.ResultFiles;

    /// <summary>Everything found, blocking first.</summary>
    public required ImmutableArray<Problem> Problems { get; init; }

    /// <summary>
    /// Whether the storage step may run: the identity files are written and storage probed unless a problem already
    /// makes every buildah run fail for another reason (capabilities, seccomp, identity), which the probe would
    /// wrongly report as a storage failure.
    /// </summary>
    public bool StorageStepAllowed => AllowsStorageStep(Problems);

    /// <summary>Whether <paramref name="problems"/> leave the storage step (or a remembered verdict standing in for it) meaningful.</summary>
    public static bool AllowsStorageStep(IEnumerable<Problem> problems) => !problems.Any(p => p.Blocking && p.ExitCode is
        ExitCodes.MissingCapability or ExitCodes.UserNamespaceRequired or ExitCodes.SeccompRefused or ExitCodes.NamespacesRefused or ExitCodes.IdentityUnusable);

    /// <summary>Whether the storage step is still to run.</summary>
    public bool NeedsStorageStep => Facts.Storage is null && StorageStepAllowed;

    /// <summary>The first blocking problem: the failure the build ends with.</summary>
    public Problem? Blocking => Problems.FirstOrDefault(p => p.Blocking);

    /// <summary><c>blocked</c> when a problem stops the build, <c>degraded</c> when one makes it worse, else <c>ready</c>.</summary>
    public string Verdict => Blocking is not null ? "blocked" : Problems.IsEmpty ? "ready" : "degraded";
}
