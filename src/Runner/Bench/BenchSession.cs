using System.Collections.Immutable;
using System.Globalization;
using System.IO.Abstractions;
using BuildRunner.Cli;
using BuildRunner.Execution;
using BuildRunner.Planning;
using BuildRunner.Settings;
using BuildRunner.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BuildRunner.Bench;

/// <summary>
/// One bench: makes the contexts (and the multi-stage base image), plans each workload × driver with the runner's
/// own code (gather → plan → storage step → plan, as <c>doctor</c> and <c>build</c> do), then times each one
/// <see cref="BenchOptions.Iterations"/> times with both tools, interleaved, on a fresh store each run.
/// </summary>
/// <remarks>
/// The runner is timed as a child process, its own binary running <c>build</c>: that is what a pod runs, so process
/// start, gathering, the storage probe and planning are all in its time, and none of the bench's own state (a warm
/// process, cached facts) can flatter it. Plain buildah gets the build step of the plan made here: the same argv and
/// environment, the same store path and driver; only the work-folder paths (run root, image ID file, storage.conf)
/// differ, since each runner process has its own.
/// </remarks>
public sealed class BenchSession(IFileSystem fileSystem, RunEnvironment environment, BenchOptions options, string runnerBinary, BenchProgress? progress = null)
{
    private const string TerminationLogName = "termination-log";

    private readonly List<string> notes = [];

    /// <summary>What the session noted so far (skips, choices).</summary>
    public IReadOnlyList<string> Notes => notes;

    /// <summary>Runs the bench; removes everything it made under <see cref="BenchOptions.Root"/>.</summary>
    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var loadAtStart = Load();
        var contexts = new WorkloadContexts(Path.Combine(options.Root, "contexts"), options.Sizes, options.Busybox);
        var store = Path.Combine(options.Root, "store");
        Directory.CreateDirectory(options.Root);
        try
        {
            using var work = new WorkDirectory(fileSystem);
            var noAnnotations = work.File("no-annotations");
            var baseImage = await BaseImageAsync(contexts, noAnnotations, cancellationToken);

            // Plan everything first: an unusable driver is found once, and the number of runs is known.
            var cases = new List<BenchCase>();
            var drivers = options.Drivers.IsEmpty ? [.. StorageDriverNames.AutoOrder] : options.Drivers;
            var unusable = new HashSet<StorageDriver>();
            foreach (var workload in options.Workloads)
            {
                if (workload.Needs.HasFlag(WorkloadNeeds.BaseImage) && baseImage is null)
                {
                    Note($"{workload.Name} skipped: it needs a base image in a registry; give --registry HOST:PORT (the bench builds and pushes a busybox base there) or --base IMAGE");
                    continue;
                }
                if (workload.Needs.HasFlag(WorkloadNeeds.DebianBase) && options.DebianBase is null)
                {
                    Note($"{workload.Name} skipped: it needs a Debian base image in a registry; give --debian-base IMAGE (hack/debian-base.sh makes one and pushes it)");
                    continue;
                }
                var context = contexts.Prepare(workload);
                foreach (var driver in drivers.Where(d => !unusable.Contains(d)))
                {
                    var flags = Flags(workload, context, driver, store, baseImage);
                    DeleteStore(store);
                    var plan = await PlanAsync(flags, noAnnotations, work.Path, cancellationToken);
                    if (plan.Blocking is { } blocking)
                    {
                        if (blocking.Kind != FailureCatalog.StorageUnusable || !options.Drivers.IsEmpty)
                        {
                            throw blocking.ToException();
                        }
                        unusable.Add(driver);
                        Note($"{driver.ToName()} skipped: not usable here ({blocking.Message})");
                        continue;
                    }
                    cases.Add(new BenchCase(workload, driver, flags, plan));
                }
            }
            DeleteStore(store);

            var cacheCases = options.CachePass ? cases.Where(c => c.Workload.EditFile is not null).ToList() : [];
            if (options.CachePass)
            {
                foreach (var skipped in cases.Where(c => c.Workload.EditFile is null).Select(c => c.Workload.Name).Distinct())
                {
                    Note($"{skipped}: not in the cache pass (the bench knows no source file of it to change)");
                }
            }
            progress?.Begin((cases.Count + cacheCases.Count) * 2 * options.Iterations);

            var records = ImmutableArray.CreateBuilder<BenchRecord>();
            var overhead = ImmutableArray.CreateBuilder<BenchOverhead>();
            foreach (var benchCase in cases)
            {
                var (runner, buildah) = await TimeAsync(benchCase, store, noAnnotations, work, cancellationToken);
                records.Add(runner);
                records.Add(buildah);
                overhead.Add(BenchOverhead.Of(runner, buildah));
            }
            var cachePass = ImmutableArray.CreateBuilder<BenchCacheRecord>();
            foreach (var benchCase in cacheCases)
            {
                cachePass.Add(await TimeCacheAsync(benchCase, store, noAnnotations, work, cancellationToken));
            }
            progress?.End();
            return new BenchReport(
                options.Iterations,
                [.. cases.Select(c => c.Workload.Name).Distinct()],
                [.. cases.Select(c => c.Driver.ToName()).Distinct()],
                records.ToImmutable(),
                overhead.ToImmutable(),
                new BenchMachine(Environment.ProcessorCount, loadAtStart, Load(), VersionCommand.Version),
                [.. notes])
            {
                CachePass = cachePass.ToImmutable(),
            };
        }
        finally
        {
            progress?.End();
            DeleteStore(options.Root);
        }
    }

    /// <summary>The setting flags (by annotation key) one workload × driver is built with, by both tools.</summary>
    public ImmutableDictionary<string, string> Flags(BenchWorkload workload, string context, StorageDriver driver, string store, string? baseImage)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var flags = options.Settings.ToBuilder();
        flags[SettingsCatalog.Context.AnnotationKey] = context;
        flags[SettingsCatalog.StorageDriver.AnnotationKey] = driver.ToName();
        flags[SettingsCatalog.StorageRoot.AnnotationKey] = store;
        flags[SettingsCatalog.Push.AnnotationKey] = "false";
        flags[SettingsCatalog.OutputImage.AnnotationKey] = "localhost/build-runner-bench/" + (workload.Shipped ? workload.Name : "context") + ":latest";
        var workloadBase = workload.Needs.HasFlag(WorkloadNeeds.DebianBase) ? options.DebianBase
            : workload.Needs.HasFlag(WorkloadNeeds.BaseImage) ? baseImage
            : null;
        if (workloadBase is not null)
        {
            var key = SettingsCatalog.BuildArgs.AnnotationKey;
            flags[key] = (flags.TryGetValue(key, out var earlier) ? earlier + "\n" : "") + "BASE=" + workloadBase;
            if (options.Registry is not null)
            {
                // The bench's own registry is plain HTTP on the loopback.
                flags[SettingsCatalog.TlsVerify.AnnotationKey] = "false";
            }
        }
        return flags.ToImmutable();
    }

    /// <summary>The command line that runs <c>build</c> with <paramref name="flags"/>: each setting as its flag, list items one flag each.</summary>
    public IReadOnlyList<string> RunnerArguments(IReadOnlyDictionary<string, string> flags, string noAnnotations, string terminationLog)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var args = new List<string>
        {
            "build",
            CommandOptions.Annotations, noAnnotations,
            CommandOptions.Defaults, options.DefaultsPath,
            CommandOptions.Overrides, options.OverridesPath,
            CommandOptions.TerminationLog, terminationLog,
        };
        foreach (var definition in SettingsCatalog.All)
        {
            if (!flags.TryGetValue(definition.AnnotationKey, out var value))
            {
                continue;
            }
            var items = definition.IsList ? value.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [value];
            args.AddRange(items.Select(item => definition.Flag + "=" + item));
        }
        return args;
    }

    private async Task<(BenchRecord Runner, BenchRecord Buildah)> TimeAsync(BenchCase benchCase, string store, string noAnnotations, WorkDirectory work, CancellationToken cancellationToken)
    {
        var plan = benchCase.Plan;
        var storage = plan.Storage!;
        var build = plan.Steps.First(s => s.Kind == BuildahStepKind.Build).Invocation;
        var runnerArgs = RunnerArguments(benchCase.Flags, noAnnotations, work.File(TerminationLogName));
        // Neither tool may read an OpenShift Build or its push secret from the bench's own environment.
        var runnerEnvironment = WithoutOpenShift();
        var buildahEnvironment = WithoutOpenShift(build.Environment);
        var name = benchCase.Workload.Name;
        var driver = benchCase.Driver.ToName();
        var seconds = new Dictionary<BenchTool, List<double>> { [BenchTool.Runner] = [], [BenchTool.Buildah] = [] };
        var bytes = new Dictionary<BenchTool, long> { [BenchTool.Runner] = 0, [BenchTool.Buildah] = 0 };

        for (var iteration = 1; iteration <= options.Iterations; iteration++)
        {
            // Interleaved, and the first tool alternating, so a slow spell of the machine or a warm page cache
            // favours neither.
            BenchTool[] order = iteration % 2 == 1 ? [BenchTool.Runner, BenchTool.Buildah] : [BenchTool.Buildah, BenchTool.Runner];
            foreach (var tool in order)
            {
                DeleteStore(store);
                DeleteStore(storage.RunRoot);
                progress?.Starting(name, driver, tool, iteration, options.Iterations);
                ProcessTiming timing;
                if (tool == BenchTool.Runner)
                {
                    timing = await TimedProcess.RunAsync(runnerBinary, runnerArgs, runnerEnvironment, cancellationToken);
                }
                else
                {
                    // What the runner's executor writes before its first buildah run.
                    File.WriteAllText(plan.StorageConfPath, storage.Render());
                    timing = await TimedProcess.RunAsync("buildah", build.Arguments, buildahEnvironment, cancellationToken);
                }
                if (timing.ExitCode != 0)
                {
                    throw FailureCatalog.BuildFailed.Fails(
                        $"bench: {name} on {driver} with {tool.ToName()} (run {iteration}) exited with {timing.ExitCode}:\n{timing.Tail}",
                        "the workload must build with both tools: check its Containerfile, or run build-runner build --context on it to see why");
                }
                seconds[tool].Add(timing.Seconds);
                bytes[tool] = Math.Max(bytes[tool], StoreSize.Of(store));
                progress?.Finished(name, driver, tool, iteration, options.Iterations, timing.Seconds);
            }
        }
        DeleteStore(store);
        DeleteStore(storage.RunRoot);
        return (new BenchRecord(name, driver, BenchTool.Runner.ToName(), TimingSummary.Of(seconds[BenchTool.Runner]), bytes[BenchTool.Runner]),
            new BenchRecord(name, driver, BenchTool.Buildah.ToName(), TimingSummary.Of(seconds[BenchTool.Buildah]), bytes[BenchTool.Buildah]));
    }

    // The layer cache, as a fresh pod meets it: each iteration a cache repository of its own (so the cold build is
    // cold), a cold build pushing every layer to it, then one source file changed and a rebuild in a fresh store
    // reading the cache. Only the runner is timed: the cache is its setting (cache-repo), and plain buildah with the
    // same arguments is the same build. The changed file is put back afterwards.
    private async Task<BenchCacheRecord> TimeCacheAsync(BenchCase benchCase, string store, string noAnnotations, WorkDirectory work, CancellationToken cancellationToken)
    {
        var name = benchCase.Workload.Name;
        var driver = benchCase.Driver.ToName();
        var edit = benchCase.Workload.EditFile!;
        var editPath = Path.Combine(benchCase.Flags[SettingsCatalog.Context.AnnotationKey], edit);
        var original = File.ReadAllBytes(editPath);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var cold = new List<double>();
        var rebuild = new List<double>();
        var steps = 0;
        var fromCache = int.MaxValue;
        const string Step = "STEP ";
        const string From = ": FROM ";
        const string Pulled = "Cache pulled from remote";
        try
        {
            for (var iteration = 1; iteration <= options.Iterations; iteration++)
            {
                var cacheRepo = string.Create(CultureInfo.InvariantCulture, $"{options.Registry}/build-runner-bench/cache-{name}-{driver}-{runId}-{iteration}");
                var flags = benchCase.Flags.SetItem(SettingsCatalog.CacheRepo.AnnotationKey, cacheRepo)
                    .SetItem(SettingsCatalog.TlsVerify.AnnotationKey, "false");
                var args = RunnerArguments(flags, noAnnotations, work.File(TerminationLogName));
                File.WriteAllBytes(editPath, original);
                var first = await TimeRunnerAsync(args, store, benchCase, BenchTool.Runner, "cache cold", iteration, [], cancellationToken);
                cold.Add(first.Seconds);
                File.WriteAllBytes(editPath, [.. original, .. System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\n# changed for rebuild {iteration}\n"))]);
                var second = await TimeRunnerAsync(args, store, benchCase, BenchTool.Runner, "cache rebuild", iteration, [Step, From, Pulled], cancellationToken);
                rebuild.Add(second.Seconds);
                // FROM is a step buildah numbers but never runs or caches.
                steps = Math.Max(steps, second.Counts[Step] - second.Counts[From]);
                fromCache = Math.Min(fromCache, second.Counts[Pulled]);
            }
        }
        finally
        {
            File.WriteAllBytes(editPath, original);
            DeleteStore(store);
        }
        var coldSummary = TimingSummary.Of(cold);
        var rebuildSummary = TimingSummary.Of(rebuild);
        return new BenchCacheRecord(name, driver, edit, coldSummary, rebuildSummary, rebuildSummary.Median / coldSummary.Median, steps, fromCache == int.MaxValue ? 0 : fromCache);
    }

    private async Task<ProcessTiming> TimeRunnerAsync(IReadOnlyList<string> args, string store, BenchCase benchCase, BenchTool tool, string pass, int iteration,
        IReadOnlyList<string> count, CancellationToken cancellationToken)
    {
        var name = benchCase.Workload.Name;
        var driver = benchCase.Driver.ToName();
        DeleteStore(store);
        DeleteStore(benchCase.Plan.Storage!.RunRoot);
        progress?.Starting($"{name} ({pass})", driver, tool, iteration, options.Iterations);
        var timing = await TimedProcess.RunAsync(runnerBinary, args, WithoutOpenShift(), cancellationToken, count);
        if (timing.ExitCode != 0)
        {
            throw FailureCatalog.BuildFailed.Fails(
                $"bench: {name} on {driver} ({pass}, run {iteration}) exited with {timing.ExitCode}:\n{timing.Tail}",
                "the workload must build with the layer cache: check that --registry names a running registry that serves plain HTTP");
        }
        progress?.Finished($"{name} ({pass})", driver, tool, iteration, options.Iterations, timing.Seconds);
        return timing;
    }

    // The same steps doctor and build take up to the first buildah run, probing only the driver asked for.
    private async Task<BuildPlan> PlanAsync(ImmutableDictionary<string, string> flags, string noAnnotations, string workDirectory, CancellationToken cancellationToken)
    {
        var gatherer = environment.CreateGatherer(fileSystem);
        var gathered = gatherer.GatherSettings(new SettingInputs(noAnnotations, options.DefaultsPath, options.OverridesPath, flags, null));
        // The result files the runner child is given (RunnerArguments), so the plan is the one it makes.
        var resultFiles = new ResultFiles(null, Path.Combine(workDirectory, TerminationLogName), CreateTerminationMessage: true);
        var plan = Planner.Plan(await gatherer.GatherAsync(gathered, workDirectory, resultFiles, cancellationToken));
        if (plan.NeedsStorageStep)
        {
            var buildah = environment.CreateBuildah(NullLogger.Instance, plan.Privileges.Keep, LogLevel.Debug);
            var executor = new PlanExecutor(fileSystem, buildah, buildah, NullLogger.Instance);
            plan = Planner.Plan(await executor.RunStorageStepAsync(plan, probeAll: false, cancellationToken));
        }
        return plan;
    }

    // The multi-stage workload's base: the one given, or images/base/busybox built by the runner and pushed to the
    // bench's registry (no public registry is needed).
    private async Task<string?> BaseImageAsync(WorkloadContexts contexts, string noAnnotations, CancellationToken cancellationToken)
    {
        if (options.BaseImage is string given)
        {
            return given;
        }
        if (options.Registry is not string registry || !options.Workloads.Any(w => w.Needs.HasFlag(WorkloadNeeds.BaseImage)))
        {
            return null;
        }
        var image = registry + "/build-runner-bench/busybox:latest";
        var baseStore = Path.Combine(options.Root, "base-store");
        var flags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SettingsCatalog.Context.AnnotationKey] = contexts.PrepareBase(),
            [SettingsCatalog.OutputImage.AnnotationKey] = image,
            [SettingsCatalog.TlsVerify.AnnotationKey] = "false",
            [SettingsCatalog.StorageRoot.AnnotationKey] = baseStore,
        };
        var timing = await TimedProcess.RunAsync(runnerBinary, RunnerArguments(flags, noAnnotations, Path.Combine(options.Root, "base-termination-log")),
            WithoutOpenShift(), cancellationToken);
        DeleteStore(baseStore);
        if (timing.ExitCode != 0)
        {
            throw FailureCatalog.PushFailed.Fails($"bench: building and pushing the multi-stage base image {image} failed (exit {timing.ExitCode}):\n{timing.Tail}",
                "check that --registry names a running registry that serves plain HTTP, or give a base image with --base IMAGE");
        }
        Note(string.Create(CultureInfo.InvariantCulture, $"multi-stage base: images/base/busybox built and pushed to {image} in {timing.Seconds:0.0} s"));
        return image;
    }

    private static Dictionary<string, string?> WithoutOpenShift(IReadOnlyDictionary<string, string?>? environment = null)
    {
        var without = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
        foreach (var variable in OpenShiftEnvironment.Variables)
        {
            without[variable] = null;
        }
        return without;
    }

    private void Note(string text)
    {
        notes.Add(text);
        progress?.Note(text);
    }

    // Root of the pod's namespace removes anything; a rootless pod user cannot remove files its build's
    // subordinate IDs own, which buildah unshare (root of the build's namespace) can.
    private static void DeleteStore(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var removed = TimedProcess.RunAsync("buildah", ["unshare", "rm", "-rf", path], new Dictionary<string, string?>(), CancellationToken.None).GetAwaiter().GetResult();
            if (removed.ExitCode != 0)
            {
                throw FailureCatalog.StorageRootUnwritable.Fails($"bench: removing its store {path}: {e.Message}; buildah unshare rm -rf: {removed.Tail}",
                    "remove the folder by hand; the bench needs a fresh store for every run");
            }
        }
    }

    private static string Load()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private sealed record BenchCase(BenchWorkload Workload, StorageDriver Driver, ImmutableDictionary<string, string> Flags, BuildPlan Plan);
}
