using BuildRunner.Planning;
using BuildRunner.Storage;

namespace BuildRunner.Reporting;

/// <summary>What <c>build</c> will do, as <c>doctor --json</c> shows it under <c>plan</c>.</summary>
/// <param name="WorkDirectory">The run's scratch folder (different for every run: compare paths below it relative to it).</param>
/// <param name="IdentityWrites">The identity files the storage step writes for a non-root pod user.</param>
/// <param name="Storage">The storage configuration, or null when no driver was chosen.</param>
/// <param name="Buildah">Each buildah run, in order, with secret values masked.</param>
public sealed record PlanReport(
    string WorkDirectory,
    IReadOnlyList<IdentityWriteReport> IdentityWrites,
    StorageConfigurationReport? Storage,
    IReadOnlyList<BuildahRunReport> Buildah)
{
    /// <summary>Whether the build commits layers and why, with its layer cache; null until storage is known.</summary>
    public LayersReport? Layers { get; init; }

    /// <summary>How many stages buildah builds at once, and where the number came from.</summary>
    public JobsReport? Jobs { get; init; }

    /// <summary>The files the outcome is written to: <c>result</c> (null for none) and <c>terminationMessage</c>.</summary>
    public required IReadOnlyDictionary<string, string?> ResultFiles { get; init; }

    /// <summary>The report of <paramref name="plan"/>.</summary>
    public static PlanReport Of(BuildPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var writes = new List<IdentityWriteReport>();
        if (plan.Rootless is { } rootless)
        {
            if (rootless.Passwd.NewPasswd is not null)
            {
                writes.Add(new IdentityWriteReport("/etc/passwd", $"adds {rootless.UserName} ({rootless.Uid})"));
            }
            if (rootless.Passwd.NewGroup is not null)
            {
                writes.Add(new IdentityWriteReport("/etc/group", $"adds group {rootless.Gid}"));
            }
            if (rootless.SubUidFile is not null)
            {
                writes.Add(new IdentityWriteReport("/etc/subuid", string.Join(" ", rootless.SubUids.Select(r => $"{rootless.UserName}:{r.Start}:{r.Count}"))));
            }
            if (rootless.SubGidFile is not null)
            {
                writes.Add(new IdentityWriteReport("/etc/subgid", string.Join(" ", rootless.SubGids.Select(r => $"{rootless.UserName}:{r.Start}:{r.Count}"))));
            }
        }
        var storage = plan.Storage is { } s
            ? new StorageConfigurationReport(s.Driver.ToName(), s.GraphRoot, s.RunRoot, plan.StorageConfPath, s.FuseOverlayfsPath) { AdditionalImageStores = s.ImageStores }
            : null;
        return new PlanReport(
            plan.Facts.WorkDirectory,
            writes,
            storage,
            [.. plan.Steps.Select(step => new BuildahRunReport(step.Kind.ToName(), step.Invocation.Purpose, ["buildah", .. step.Invocation.RedactedArguments()])
            {
                ArgvWithoutCache = step.WithoutCache is { } fallback ? ["buildah", .. fallback.RedactedArguments()] : null,
            })])
        {
            Layers = plan.Layers is { } layers
                ? new LayersReport(layers.Enabled, layers.Reason, layers.Cache is { } cache ? new LayerCacheReport(cache.Repository, cache.Push) : null)
                : null,
            Jobs = Planner.Jobs(plan.Settings, plan.Facts) is { } jobs ? new JobsReport(jobs.Count, jobs.Source) : null,
            ResultFiles = new SortedDictionary<string, string?>(StringComparer.Ordinal)
            {
                ["result"] = plan.ResultFiles.Result,
                ["terminationMessage"] = plan.ResultFiles.TerminationMessage,
            },
        };
    }
}

/// <summary>The plan's layers decision.</summary>
/// <param name="Enabled">Whether buildah commits an image per instruction (<c>--layers</c>).</param>
/// <param name="Reason">Why.</param>
/// <param name="Cache">The registry layer cache the build uses, or null.</param>
public sealed record LayersReport(bool Enabled, string Reason, LayerCacheReport? Cache);

/// <summary>How many stages of a multi-stage build buildah builds at once (<c>--jobs</c>).</summary>
/// <param name="Count">The number.</param>
/// <param name="Source">Where it came from: the setting, or the cgroup file (or online CPU list) that gave the pod's CPUs.</param>
public sealed record JobsReport(int Count, string Source);

/// <summary>The registry layer cache a build uses.</summary>
/// <param name="Repository">The repository.</param>
/// <param name="Push">Whether new layers are pushed to it (<c>--cache-to</c>) as well as read (<c>--cache-from</c>).</param>
public sealed record LayerCacheReport(string Repository, bool Push);

/// <summary>One identity file the plan writes.</summary>
/// <param name="Path">The file.</param>
/// <param name="Change">What changes in it.</param>
public sealed record IdentityWriteReport(string Path, string Change);

/// <summary>The storage configuration the plan writes.</summary>
/// <param name="Driver">The driver.</param>
/// <param name="GraphRoot">Images and layers.</param>
/// <param name="RunRoot">Run-time state.</param>
/// <param name="StorageConf">The storage.conf written for buildah.</param>
/// <param name="MountProgram">fuse-overlayfs, when that is the driver.</param>
public sealed record StorageConfigurationReport(string Driver, string GraphRoot, string RunRoot, string StorageConf, string? MountProgram)
{
    /// <summary>The read-only image stores buildah gets (storage.conf <c>additionalimagestores</c>).</summary>
    public IReadOnlyList<string> AdditionalImageStores { get; init; } = [];
}

/// <summary>One buildah run of the plan.</summary>
/// <param name="Kind"><c>build</c> or <c>push</c>.</param>
/// <param name="Purpose">What it does.</param>
/// <param name="Argv">The exact command line, secret values masked as <c>***</c>.</param>
public sealed record BuildahRunReport(string Kind, string Purpose, IReadOnlyList<string> Argv)
{
    /// <summary>For a build that writes a layer cache: the command line run instead when the cache cannot be written.</summary>
    public IReadOnlyList<string>? ArgvWithoutCache { get; init; }
}
