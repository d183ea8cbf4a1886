using System.Diagnostics;
using System.Globalization;
using System.IO.Abstractions;
using BuildRunner.Buildah;
using BuildRunner.Planning;
using BuildRunner.Posix;
using BuildRunner.Settings;
using BuildRunner.Storage;
using Microsoft.Extensions.Logging;

namespace BuildRunner.Execution;

/// <summary>
/// Carries out a <see cref="BuildPlan"/> and nothing else: its storage step (identity files, storage root, probe),
/// then its buildah runs. Every choice was made by <see cref="Planner"/>; a buildah run that fails ends the build
/// with what buildah said, classified (<see cref="BuildahFailureClassifier"/>), after the runner's retries of what
/// buildah does not retry itself.
/// </summary>
/// <param name="fileSystem">Files.</param>
/// <param name="buildah">Runs the build and pushes, with the plan's capability set.</param>
/// <param name="probeBuildah">Runs the storage probe (its output logged at debug).</param>
/// <param name="log">The runner's log.</param>
/// <param name="fileSystemType">statfs f_type of a path, for the probe memo's key (<see cref="FileSystemType.Of"/>).</param>
public sealed class PlanExecutor(IFileSystem fileSystem, IBuildahRunner buildah, IBuildahRunner probeBuildah, ILogger log, Func<string, long?>? fileSystemType = null)
{
    /// <summary>
    /// The plan's storage step, which <c>doctor</c> and <c>build</c> both take: writes the rootless identity files
    /// (the probe runs buildah as the pod user, which needs them), creates the storage root, and probes the drivers
    /// (<paramref name="probeAll"/>: every driver, for <c>doctor</c>; else up to the first that works), each with a
    /// mount trial in a child process (<see cref="MountStoreTester"/>). Remembers a verdict that chose a driver in
    /// the storage root, so the next run on this store plans with it and skips this step. Returns the facts with what
    /// it learnt; plan again with them.
    /// </summary>
    public async Task<Facts> RunStorageStepAsync(BuildPlan plan, bool probeAll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Rootless is { } rootless)
        {
            new RootlessActions(fileSystem, log).Apply(rootless);
        }
        var request = plan.StorageRequest;
        try
        {
            fileSystem.Directory.CreateDirectory(request.GraphRoot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return plan.Facts with { Storage = new StorageFacts(e.Message, null) };
        }
        if (plan.Facts.StorageMemo is { } stale && plan.ProbeKey is { } key)
        {
            log.LogInformation("storage: the verdict remembered in {Path} no longer holds (changed: {Changes}); probing again",
                new ProbeMemoFile(fileSystem).PathIn(request.GraphRoot), string.Join(", ", stale.Key.Differences(key)));
        }
        // buildah itself only when the mount trial's own tools are missing.
        var tester = new MountStoreTester(fileSystem, new BuildahStoreTester(fileSystem, probeBuildah, plan.Facts.WorkDirectory),
            fileSystemType: fileSystemType);
        var clock = Stopwatch.StartNew();
        var selection = await new StorageProbe(fileSystem, tester).SelectAsync(request.Wanted, request.GraphRoot, request.RunRoot, probeAll, cancellationToken);
        log.LogDebug("storage probe took {Milliseconds} ms", clock.ElapsedMilliseconds);
        Remember(plan, selection);
        return plan.Facts with { Storage = new StorageFacts(null, selection) };
    }

    // The key was made before the storage root existed: its file system is known only now. A memo that cannot be
    // written (a read-only root) costs the next run a probe, nothing more.
    private void Remember(BuildPlan plan, StorageSelection selection)
    {
        var graphRoot = plan.StorageRequest.GraphRoot;
        if (selection.Selected is null || plan.ProbeKey is not { } key || (fileSystemType ?? FileSystemType.Of)(graphRoot) is not long type)
        {
            return;
        }
        var memoFile = new ProbeMemoFile(fileSystem);
        var memo = new ProbeMemo(key with { FileSystem = BackingFileSystem.Describe(type) }, selection, DateTimeOffset.UtcNow);
        if (memoFile.TryWrite(graphRoot, memo) is string why)
        {
            log.LogWarning("could not remember the storage probe's verdict in {Path}: {Why}; the next run on this store probes again",
                memoFile.PathIn(graphRoot), why);
        }
    }

    /// <summary>Writes the storage configuration and makes the plan's buildah runs in order; records what each answered.</summary>
    /// <exception cref="RunnerException">A buildah run failed.</exception>
    public async Task RunBuildahAsync(BuildPlan plan, BuildProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(progress);
        var storage = plan.Storage ?? throw new InvalidOperationException("the plan has no storage configuration: run its storage step first");
        if (plan.Facts.Storage?.RememberedFrom is not null && plan.Rootless is { } rootless)
        {
            // A remembered probe verdict skipped the storage step, which writes what rootless buildah needs.
            new RootlessActions(fileSystem, log).Apply(rootless);
        }
        fileSystem.File.WriteAllText(plan.StorageConfPath, storage.Render());
        if (plan.BuildahHome is string home && plan.Settings.RegistryCerts is string certs)
        {
            // buildah reads per-registry CAs from $HOME/.config/containers/certs.d; the home is the run's own.
            var link = BuildahEnvironment.CertsDirectoryIn(home);
            fileSystem.Directory.CreateDirectory(fileSystem.Path.GetDirectoryName(link)!);
            fileSystem.Directory.CreateSymbolicLink(link, fileSystem.Path.GetFullPath(certs));
            log.LogInformation("registry certificates: {Certs} (buildah's home is {Home})", certs, home);
        }
        foreach (var step in plan.Steps)
        {
            if (step.Kind == BuildahStepKind.Build)
            {
                log.LogInformation("building {Context} into {Images}", plan.Facts.Context.Directory,
                    plan.Settings.OutputImages.IsEmpty ? "an untagged image" : string.Join(", ", plan.Settings.OutputImages));
            }
            await RunStepAsync(step, plan, cancellationToken);
            if (step.Kind == BuildahStepKind.Pull)
            {
                log.LogInformation("pulled {Image} into {Store}", step.Image, storage.GraphRoot);
                continue;
            }
            var answer = ReadTrimmed(step.OutputFile);
            if (step.Kind == BuildahStepKind.Build)
            {
                progress.ImageId = answer;
            }
            else if (step.Kind == BuildahStepKind.Pull)
            {
                log.LogInformation("pulled {Image} before the hermetic build", step.Image);
            }
            else
            {
                progress.Digest ??= answer;
                log.LogInformation("pushed {Image}@{Digest}", step.Image, answer);
                if (step.ReadBack is { } readBack && answer is not null)
                {
                    progress.SizeBytes = await ReadBackSizeAsync(readBack, answer, cancellationToken);
                }
            }
        }
    }

    /// <summary>Logs what the plan found about the pod before anything runs.</summary>
    public void LogPlan(BuildPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var host = plan.Facts.Host;
        log.LogInformation(
            "user namespace: {InUserNamespace}; container root is node UID {HostUid}; {Size} IDs mapped; running as UID {Uid}",
            host.UserNamespace.InUserNamespace ? "yes" : "no",
            host.UserNamespace.HostUidOfRoot?.ToString(CultureInfo.InvariantCulture) ?? "(unmapped)",
            host.UserNamespace.Size,
            host.Credentials.EffectiveUid);
        log.LogInformation(
            "mode: {Mode}; buildah keeps {Keep}; dropped from its bounding set: {Dropped}",
            plan.Privileges.Mode.ToName(),
            plan.Privileges.Keep?.ToString() ?? "what the pod gives (non-root)",
            plan.Privileges.Dropped.ToString());
    }

    /// <summary>The longest the runner waits before running a step again, however many retries are asked for.</summary>
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long the runner waits before its <paramref name="retry"/>th run of a step (1 for the first): the retry delay,
    /// doubled for each further retry, at most <see cref="MaxRetryWait"/>.
    /// </summary>
    public static TimeSpan RetryWait(TimeSpan delay, int retry) =>
        TimeSpan.FromTicks(Math.Min(delay.Ticks * (1L << Math.Clamp(retry - 1, 0, 20)), MaxRetryWait.Ticks));

    // buildah retries connection failures itself (--retry, --retry-delay) but gives up at once on a registry's 5xx or
    // 429: for those the runner runs the step again, logging each attempt. Anything else ends the build, classified.
    // A layer cache that cannot be written ends buildah's build too ("failed pushing cache to"), though nothing is
    // wrong with the image: the plan's same build without the cache runs at once instead, and every later run.
    private async Task RunStepAsync(BuildahStep step, BuildPlan plan, CancellationToken cancellationToken)
    {
        var settings = plan.Settings;
        var subject = step.Kind == BuildahStepKind.Build ? plan.Facts.Context.Directory : step.Image ?? "";
        var invocation = step.Invocation;
        for (var run = 1; ; run++)
        {
            var outcome = await buildah.RunAsync(invocation, cancellationToken);
            if (step.WithoutCache is { } withoutCache && !ReferenceEquals(invocation, withoutCache) && LayerCache.FailedWriting(outcome))
            {
                var error = outcome.ErrorLines();
                log.LogWarning("the layer cache {Repository} could not be written, and buildah stopped the build: {Error}; building again without the layer cache",
                    plan.Layers?.Cache?.Repository, invocation.Mask.Apply(error.Count > 0 ? error[^1] : $"exit status {outcome.ExitCode}"));
                invocation = withoutCache;
                outcome = await buildah.RunAsync(invocation, cancellationToken);
            }
            if (ReferenceEquals(invocation, step.Invocation) && plan.Layers?.Cache?.ReadFailure(outcome) is { } unreadable)
            {
                log.LogWarning("the layer cache {Repository} could not be read: {Error}; the steps ran instead of reusing its layers (check that the repository is reachable from the pod and that authfile and tls-verify fit it)",
                    plan.Layers.Cache.Repository, invocation.Mask.Apply(unreadable));
            }
            if (outcome.Succeeded)
            {
                return;
            }
            var failure = BuildahFailureClassifier.Classify(step.Kind, subject, outcome, settings, run);
            if (!failure.RetryByRunner || run > settings.Retries)
            {
                throw failure.Problem.ToException();
            }
            var wait = RetryWait(settings.RetryDelay, run);
            log.LogWarning("{What}; running buildah again in {Wait} (retry {Retry} of {Retries})",
                failure.Problem.Message.Split('\n')[0].TrimEnd(':'), DurationText.Format(wait), run, settings.Retries);
            await Task.Delay(wait, cancellationToken);
        }
    }

    // The size a platform reports must be the registry's: the manifest is read back (pull by digest, then its stored
    // bytes) and used only when its bytes hash to the digest the push answered. Not knowing it is a warning: the image
    // is pushed, and its digest stands.
    private async Task<long?> ReadBackSizeAsync(ManifestReadBack readBack, string digest, CancellationToken cancellationToken)
    {
        var pulled = await probeBuildah.RunAsync(readBack.Pull(digest), cancellationToken);
        var inspected = pulled.Succeeded ? await probeBuildah.RunAsync(readBack.Inspect(digest), cancellationToken) : pulled;
        string? why = null;
        long? size = null;
        if (!inspected.Succeeded)
        {
            var error = inspected.ErrorLines();
            why = error.Count > 0 ? error[^1] : $"buildah exited with {inspected.ExitCode}";
        }
        else
        {
            var manifest = inspected.Tail.LastOrDefault(l => l.StartsWith('{'));
            if (manifest is null)
            {
                why = "buildah inspect printed no manifest";
            }
            else
            {
                size = PushedManifest.SizeOf(manifest, digest, out why);
            }
        }
        if (size is null)
        {
            log.LogWarning("the size of {Image} is unknown: reading back its manifest failed: {Why}; sizeBytes and {Setting} are left out (the push itself succeeded)",
                readBack.Pinned(digest), why, SettingsCatalog.ImageSizeFile.AnnotationKey);
        }
        else
        {
            log.LogInformation("{Image}: {Size} bytes compressed (config and layers, as the registry holds them)", readBack.Pinned(digest), size);
        }
        return size;
    }

    private string? ReadTrimmed(string path) =>
        fileSystem.File.Exists(path) ? fileSystem.File.ReadAllText(path).Trim() : null;
}
