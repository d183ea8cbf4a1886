namespace BuildRunner.Reporting;

/// <summary>What <c>doctor --json</c> prints: what the runner sees and decides, without building.</summary>
public sealed record DoctorReport
{
    /// <summary>The pod's annotations as parsed (every key).</summary>
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    /// <summary>The user namespace, with its maps.</summary>
    public required UserNamespaceReport UserNamespace { get; init; }

    /// <summary>Who the runner is and what a rootless build needs.</summary>
    public required IdentityReport Identity { get; init; }

    /// <summary>Capability sets as <c>CAP_*</c> names.</summary>
    public required CapabilitiesReport Capabilities { get; init; }

    /// <summary>What the pod's seccomp profile lets the build do.</summary>
    public required SeccompReport Seccomp { get; init; }

    /// <summary>One entry per thing a build pod must provide: met or missed, with the fix.</summary>
    public required IReadOnlyList<RequirementReport> Requirements { get; init; }

    /// <summary>What <c>build</c> will do: identity writes, storage configuration, each buildah command line.</summary>
    public required PlanReport Plan { get; init; }

    /// <summary>The storage probe.</summary>
    public required StorageReport Storage { get; init; }

    /// <summary>The read-only image stores (<c>image-stores</c>): readable, images held, owners mapped, used or why not.</summary>
    public IReadOnlyList<ImageStoreReport> ImageStores { get; init; } = [];

    /// <summary>Every setting with its effective value and source, by annotation key.</summary>
    public required IReadOnlyDictionary<string, SettingReport> Settings { get; init; }

    /// <summary>Warnings about the settings (unknown keys, unusable Build fields).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Whether the build is hermetic, and whether hermetic builds work in this pod (a real trial) and why not.</summary>
    public HermeticReport? Hermetic { get; init; }

    /// <summary><c>ready</c>, <c>degraded</c> or <c>blocked</c>.</summary>
    public required string Verdict { get; init; }

    /// <summary>Everything found, blocking first.</summary>
    public required IReadOnlyList<ProblemReport> Problems { get; init; }
}
