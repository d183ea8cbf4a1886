using System.Diagnostics;
using System.IO.Abstractions;
using BuildRunner.Execution;
using BuildRunner.Planning;
using BuildRunner.Reporting;
using BuildRunner.Secrets;
using BuildRunner.Settings;
using BuildRunner.Storage;
using Microsoft.Extensions.Logging;

namespace BuildRunner.Cli;

/// <summary>
/// <c>build-runner build</c>: gather the facts, plan, take the plan's storage step, plan again, then carry out the
/// plan's buildah runs and report. Every failure ends in a result file and a termination message that say what to fix.
/// </summary>
public sealed class BuildCommand(IFileSystem fileSystem, RunEnvironment environment)
{
    /// <summary>Runs the build described by <paramref name="arguments"/>; returns the exit code.</summary>
    public async Task<int> RunAsync(ParsedArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var clock = Stopwatch.StartNew();
        var resultFiles = CommandOptions.ResultFilesOf(arguments);
        var progress = new BuildProgress();
        var published = new PublishedFiles(fileSystem);
        ILoggerFactory? loggerFactory = null;
        var debug = false;
        // Known once the plan is made; every failure passes through it on its way to stderr, the result and the termination message.
        var secrets = SecretMask.None;
        BuildResult result;
        try
        {
            var gatherer = environment.CreateGatherer(fileSystem);
            // First, so the settings can name files prepared in it (an OpenShift Build's converted auth file).
            using var work = new WorkDirectory(fileSystem);
            var gathered = gatherer.GatherSettings(environment.SettingInputs(arguments, work.Path));
            var early = BuildSettings.From(gathered.Resolved);
            var level = early.LogLevel;
            debug = level == LogLevel.Debug;
            loggerFactory = environment.CreateLoggerFactory(level);
            var log = loggerFactory.CreateLogger("build-runner");
            foreach (var warning in gathered.Resolved.Warnings)
            {
                log.LogWarning("{Warning}", warning);
            }
            // A result file must exist only after this run's successful push: one an earlier run left goes now.
            published.RemoveStale(early);
            foreach (var note in gathered.OpenShift.Notes)
            {
                log.LogInformation("{Note}", note);
            }
            gathered.OpenShift.Write(fileSystem);
            var plan = Planner.Plan(await gatherer.GatherAsync(gathered, work.Path, resultFiles, cancellationToken));
            secrets = plan.SecretMask;
            progress.Images = plan.Settings.OutputImages;
            progress.UserNamespace = UserNamespaceReport.Of(plan.Facts.Host.UserNamespace);

            var buildahLog = loggerFactory.CreateLogger("buildah");
            var executor = new PlanExecutor(fileSystem,
                environment.CreateBuildah(buildahLog, plan.Privileges.Keep, LogLevel.Information),
                environment.CreateBuildah(buildahLog, plan.Privileges.Keep, LogLevel.Debug),
                log);
            executor.LogPlan(plan);
            if (plan.NeedsStorageStep)
            {
                plan = Planner.Plan(await executor.RunStorageStepAsync(plan, probeAll: false, cancellationToken));
            }
            foreach (var problem in plan.Problems.Where(p => !p.Blocking))
            {
                log.LogWarning("{Message}; fix: {Fix}", secrets.Apply(problem.Message), secrets.Apply(problem.Fix));
            }
            if (plan.Blocking is { } blocking)
            {
                throw blocking.ToException();
            }
            log.LogInformation("storage: {Explanation}", plan.Facts.Storage?.Selection?.Explanation);
            foreach (var store in plan.SharedStores.Where(v => v.Used))
            {
                log.LogInformation("image store {Path} (read-only): {Reason}", store.Store.Path, store.Reason);
            }
            if (plan.Layers is { } layers)
            {
                // A cache repository that layers: false leaves unused is a setting that does nothing: say so louder.
                log.Log(plan.Settings.CacheRepo is not null && layers.Cache is null ? LogLevel.Warning : LogLevel.Information,
                    "layers: {State} ({Reason})", layers.Enabled ? "on" : "off", layers.Reason);
            }
            progress.StorageDriver = plan.Storage?.Driver.ToName();
            await executor.RunBuildahAsync(plan, progress, cancellationToken);
            if (plan.Settings.Push && progress.Digest is string digest && !plan.Settings.OutputImages.IsEmpty)
            {
                published.Write(plan.Settings, new PublishedImage(plan.Settings.OutputImages[0], digest, progress.SizeBytes));
            }
            result = progress.Succeeded(clock.Elapsed);
            log.LogInformation("build succeeded in {Seconds:0.0} s: {Message}", result.DurationSeconds, TerminationMessage.For(result));
        }
        catch (RunnerException failure)
        {
            var shown = secrets.Apply(failure);
            result = progress.Failed(shown, clock.Elapsed);
            environment.ReportFailure(shown);
        }
        catch (OperationCanceledException)
        {
            var stopped = FailureCatalog.Cancelled.Fails("the build was stopped by a signal (the pod was deleted or timed out) before it finished",
                "run the build again; if the pod's activeDeadlineSeconds ended it, give it more time");
            result = progress.Failed(stopped, clock.Elapsed);
            environment.ReportFailure(stopped);
        }
        catch (Exception unexpected)
        {
            // Still a result and a termination message: the pod owner learns it was the runner, not the pod.
            var defect = secrets.Apply(InternalFailure.From(unexpected));
            result = progress.Failed(defect, clock.Elapsed);
            environment.ReportFailure(defect);
            if (debug)
            {
                environment.ReportStackTrace(unexpected);
            }
        }
        finally
        {
            loggerFactory?.Dispose();
        }

        var writer = new ResultWriter(fileSystem);
        if (resultFiles.Result is string resultPath)
        {
            try
            {
                writer.WriteResult(resultPath, result);
            }
            catch (RunnerException failure)
            {
                environment.ReportFailure(failure);
                return failure.ExitCode;
            }
        }
        writer.TryWriteTerminationMessage(resultFiles.TerminationMessage, result, resultFiles.CreateTerminationMessage);
        return result.Error?.ExitCode ?? ExitCodes.Success;
    }
}
