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
            ? new StorageConfigurationReport(s.Driver.ToName(), s.GraphRoot, s.RunRoot, plan.StorageConfPath, s.FuseOverlayfsPath)
            : null;
        return new PlanReport(
            plan.Facts.WorkDirectory,
            writes,
            storage,
            [.. plan.Steps.Select(step => new BuildahRunReport(step.Kind.ToName(), step.Invocation.Purpose, ["buildah", .. step.Invocation.RedactedArguments()]))]);
    }
}

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
public sealed record StorageConfigurationReport(string Driver, string GraphRoot, string RunRoot, string StorageConf, string? MountProgram);

/// <summary>One buildah run of the plan.</summary>
/// <param name="Kind"><c>build</c> or <c>push</c>.</param>
/// <param name="Purpose">What it does.</param>
/// <param name="Argv">The exact command line, secret values masked as <c>***</c>.</param>
public sealed record BuildahRunReport(string Kind, string Purpose, IReadOnlyList<string> Argv);
