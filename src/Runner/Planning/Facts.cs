using System.Collections.Immutable;
using BuildRunner.Host;
using BuildRunner.Settings;
using BuildRunner.Storage;

namespace BuildRunner.Planning;

/// <summary>
/// Every fact read from the pod, and nothing decided: the setting sources, <c>/proc</c>, the seccomp preflight, the
/// identity files, the context, the images the store holds, what decides the storage drivers and an earlier probe's
/// verdict, and (after the plan's storage step) the storage probe. <see cref="Planner"/> turns
/// it into a <see cref="BuildPlan"/>.
/// </summary>
public sealed record Facts
{
    /// <summary>The settings and where each came from.</summary>
    public required GatheredSettings Gathered { get; init; }

    /// <summary>The process's user namespace and credentials.</summary>
    public required HostFacts Host { get; init; }

    /// <summary>What the seccomp profile lets a build do.</summary>
    public required SeccompFacts Seccomp { get; init; }

    /// <summary>The identity files and newuidmap/newgidmap.</summary>
    public required IdentityFacts Identity { get; init; }

    /// <summary>The context and Containerfile.</summary>
    public required ContextFacts Context { get; init; }

    /// <summary>The named build contexts, in setting order.</summary>
    public ImmutableArray<BuildContextFacts> BuildContexts { get; init; } = [];

    /// <summary>The <c>build-runner/secrets</c> files and the auth file, read so their values can be hidden.</summary>
    public SecretFacts Secrets { get; init; } = SecretFacts.None;

    /// <summary>How many images the store already holds (a kept volume), which decides <c>layers: auto</c>.</summary>
    public ImageStoreFacts ImageStore { get; init; } = ImageStoreFacts.Empty;

    /// <summary>The read-only image stores of the <c>image-stores</c> setting, as the pod sees them.</summary>
    public System.Collections.Immutable.ImmutableArray<SharedStoreFacts> SharedStores { get; init; } = [];

    /// <summary>The files the run reports its outcome in.</summary>
    public ResultFiles ResultFiles { get; init; } = ResultFiles.Default;

    /// <summary>The run's private scratch folder (storage.conf, run root, image ID and digest files).</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>The storage step's findings; null until the step has run (or a remembered verdict stands in for it).</summary>
    public StorageFacts? Storage { get; init; }

    /// <summary>What decides which storage drivers work (kernel, the storage root's file system, fuse).</summary>
    public StorageHostFacts StorageHost { get; init; } = StorageHostFacts.Unknown;

    /// <summary>The hermetic trial and the runner's binary; tried only when hermetic is on, or for doctor.</summary>
    public HermeticFacts Hermetic { get; init; } = HermeticFacts.NotTried;

    /// <summary>How many CPUs the pod may use (its cgroup), the default for parallel stages.</summary>
    public CpuAllowance Cpu { get; init; } = CpuAllowance.Unknown;

    /// <summary>Whether root buildah can keep its blob-info cache (which layers the registry already holds) on disk.</summary>
    public BlobInfoCacheFacts BlobInfoCache { get; init; } = BlobInfoCacheFacts.Unknown;

    /// <summary>The verdict of an earlier probe, found in the storage root, or null.</summary>
    public ProbeMemo? StorageMemo { get; init; }
}
