using System.Diagnostics;
using System.Globalization;
using System.IO.Abstractions;
using BuildRunner.Buildah;
using BuildRunner.Identity;
using BuildRunner.Planning;
using BuildRunner.Reporting;
using BuildRunner.Settings;
using BuildRunner.Storage;
using Microsoft.Extensions.Logging;

namespace BuildRunner.Cli;

/// <summary>
/// <c>build-runner build</c>: decide (settings, namespace, capabilities, storage), then build with buildah, push,
/// and report. Every failure ends in a result file and a termination message that say what to fix.
/// </summary>
public sealed class BuildCommand(IFileSystem fileSystem, RunEnvironment environment)
{
    /// <summary>Runs the build described by <paramref name="arguments"/>; returns the exit code.</summary>
    public async Task<int> RunAsync(ParsedArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var clock = Stopwatch.StartNew();
        var resultPath = arguments.OptionOrNull(CommandOptions.Result);
        var terminationPath = arguments.Option(CommandOptions.TerminationLog, CommandOptions.DefaultTerminationLogPath);
        var progress = new BuildProgress();
        ILoggerFactory? loggerFactory = null;
        BuildResult result;
        try
        {
            var decider = new Decider(fileSystem, environment);
            var gathered = decider.GatherSettings(arguments);
            var settings = BuildSettings.From(gathered.Resolved);
            loggerFactory = environment.CreateLoggerFactory(Logging.LevelOf(settings.LogLevel));
            var log = loggerFactory.CreateLogger("build-runner");
            foreach (var warning in gathered.Resolved.Warnings)
            {
                log.LogWarning("{Warning}", warning);
            }
            result = await BuildAsync(decider, gathered, loggerFactory, log, progress, clock, cancellationToken);
        }
        catch (RunnerException failure)
        {
            result = progress.Failed(failure, clock.Elapsed);
            environment.ReportFailure(failure);
        }
        catch (OperationCanceledException)
        {
            var stopped = new RunnerException(ExitCodes.Cancelled, "cancelled",
                "the build was stopped by a signal (the pod was deleted or timed out) before it finished",
                "run the build again; if the pod's activeDeadlineSeconds ended it, give it more time");
            result = progress.Failed(stopped, clock.Elapsed);
            environment.ReportFailure(stopped);
        }
        finally
        {
            loggerFactory?.Dispose();
        }

        var writer = new ResultWriter(fileSystem);
        if (resultPath is not null)
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
        writer.TryWriteTerminationMessage(terminationPath, result, createIfMissing: arguments.Options.ContainsKey(CommandOptions.TerminationLog));
        return result.Error?.ExitCode ?? ExitCodes.Success;
    }

    private async Task<BuildResult> BuildAsync(
        Decider decider,
        GatheredSettings gathered,
        ILoggerFactory loggerFactory,
        ILogger log,
        BuildProgress progress,
        Stopwatch clock,
        CancellationToken cancellationToken)
    {
        var decision = await decider.DecideAsync(gathered, cancellationToken);
        var settings = decision.Settings;
        var host = decision.Host;
        var privileges = decision.Privileges;
        progress.Images = settings.OutputImages;
        progress.UserNamespace = UserNamespaceReport.Of(host.UserNamespace);
        log.LogInformation(
            "user namespace: {InUserNamespace}; container root is node UID {HostUid}; {Size} IDs mapped; running as UID {Uid}",
            host.UserNamespace.InUserNamespace ? "yes" : "no",
            host.UserNamespace.HostUidOfRoot?.ToString(CultureInfo.InvariantCulture) ?? "(unmapped)",
            host.UserNamespace.Size,
            host.Credentials.EffectiveUid);
        ThrowIfBlocked(decision, [], log);
        log.LogInformation(
            "mode: {Mode}; buildah keeps {Keep}; dropped from its bounding set: {Dropped}",
            privileges.Mode.ToName(),
            privileges.Keep?.ToString() ?? "what the pod gives (non-root)",
            privileges.Dropped.ToString());

        var (context, containerfile) = ResolveContext(settings);
        if (settings.Push && settings.OutputImages.IsEmpty)
        {
            throw new RunnerException(ExitCodes.InvalidSettings, "no-output-image",
                "nothing to push: no output image is set",
                $"set the annotation {SettingsCatalog.OutputImage.AnnotationKey} (or --tag IMAGE), or turn pushing off with --no-push");
        }

        using var work = new WorkDirectory(fileSystem);
        var buildahLog = loggerFactory.CreateLogger("buildah");
        var buildah = environment.CreateBuildah(buildahLog, privileges.Keep, LogLevel.Information);
        var probeBuildah = environment.CreateBuildah(buildahLog, privileges.Keep, LogLevel.Debug);

        if (decision.Rootless is RootlessSetup rootless)
        {
            new RootlessActions(fileSystem, log).Apply(rootless);
        }

        var runRoot = work.File("run");
        var planned = decision;
        decision = await decider.WithStorageAsync(
            decision, new BuildahStoreTester(fileSystem, probeBuildah, work.Path), runRoot, probeAll: false, cancellationToken);
        ThrowIfBlocked(decision, planned.Problems, log);
        var selection = decision.Storage!;
        var driver = selection.Selected!.Value;
        log.LogInformation("storage: {Explanation}", selection.Explanation);
        progress.StorageDriver = driver.ToName();

        var storage = new StorageConfiguration(driver, settings.StorageRoot, runRoot,
            selection.Candidates.First(c => c.Driver == driver).MountProgram);
        var confPath = work.File("storage.conf");
        fileSystem.File.WriteAllText(confPath, storage.Render());
        var buildEnvironment = BuildahEnvironment.For(confPath);
        System.Collections.Immutable.ImmutableArray<string> secrets = [.. settings.BuildArgs.Select(a => a.Value)];

        var iidFile = work.File("image-id");
        log.LogInformation("building {Context} into {Images}", context, settings.OutputImages.IsEmpty ? "an untagged image" : string.Join(", ", settings.OutputImages));
        var bud = await buildah.RunAsync(
            new BuildahInvocation([.. StoreArguments.For(storage), .. BuildahArguments.Bud(settings, context, containerfile, iidFile)], buildEnvironment, "building the image", secrets),
            cancellationToken);
        if (!bud.Succeeded)
        {
            throw new RunnerException(ExitCodes.BuildFailed, "build-failed",
                $"building the image from {context}: buildah exited with {bud.ExitCode}:\n{string.Join("\n", bud.ErrorLines())}",
                "fix the Containerfile step named above (its output is in the pod log), then run the build again");
        }
        progress.ImageId = ReadTrimmed(iidFile);

        if (settings.Push)
        {
            foreach (var image in settings.OutputImages)
            {
                var digestFile = work.File("digest");
                var push = await buildah.RunAsync(
                    new BuildahInvocation([.. StoreArguments.For(storage), .. BuildahArguments.Push(settings, image, digestFile)], buildEnvironment, $"pushing {image}", []),
                    cancellationToken);
                if (!push.Succeeded)
                {
                    throw new RunnerException(ExitCodes.PushFailed, "push-failed",
                        $"pushing {image}: buildah exited with {push.ExitCode}:\n{string.Join("\n", push.ErrorLines())}",
                        "check that the registry is reachable from the pod, that the credentials (--authfile, or the push secret) allow pushing to this repository, and --tls-verify for a registry without TLS");
                }
                progress.Digest ??= ReadTrimmed(digestFile);
                log.LogInformation("pushed {Image}@{Digest}", image, ReadTrimmed(digestFile));
            }
        }

        var done = progress.Succeeded(clock.Elapsed);
        log.LogInformation("build succeeded in {Seconds:0.0} s: {Message}", done.DurationSeconds, TerminationMessage.For(done));
        return done;
    }

    // Warnings already logged (those in `known`) are not logged again.
    private static void ThrowIfBlocked(Decision decision, IEnumerable<Problem> known, ILogger log)
    {
        foreach (var problem in decision.Problems.Where(p => !p.Blocking).Except(known))
        {
            log.LogWarning("{Message}; fix: {Fix}", problem.Message, problem.Fix);
        }
        if (decision.Problems.FirstOrDefault(p => p.Blocking) is Problem blocking)
        {
            throw blocking.ToException();
        }
    }

    private (string Context, string? Containerfile) ResolveContext(BuildSettings settings)
    {
        var context = fileSystem.Path.GetFullPath(settings.Context);
        if (!fileSystem.Directory.Exists(context))
        {
            throw new RunnerException(ExitCodes.InvalidSettings, "context-missing",
                $"reading the build context \"{context}\": the folder does not exist",
                $"mount or clone the context there, or set {SettingsCatalog.Context.AnnotationKey} (--context) to the folder that holds it");
        }
        string? containerfile = null;
        if (settings.File is string file)
        {
            containerfile = fileSystem.Path.IsPathRooted(file) ? file : fileSystem.Path.Combine(context, file);
            if (!fileSystem.File.Exists(containerfile))
            {
                throw new RunnerException(ExitCodes.InvalidSettings, "containerfile-missing",
                    $"reading the Containerfile \"{containerfile}\": the file does not exist",
                    $"set {SettingsCatalog.File.AnnotationKey} (--file) to a path relative to the context ({context}) or an absolute path");
            }
        }
        else if (!fileSystem.File.Exists(fileSystem.Path.Combine(context, "Containerfile"))
            && !fileSystem.File.Exists(fileSystem.Path.Combine(context, "Dockerfile")))
        {
            throw new RunnerException(ExitCodes.InvalidSettings, "containerfile-missing",
                $"reading the build context \"{context}\": it holds neither a Containerfile nor a Dockerfile",
                $"add one, or set {SettingsCatalog.File.AnnotationKey} (--file) to the file to build");
        }
        return (context, containerfile);
    }

    private string? ReadTrimmed(string path) =>
        fileSystem.File.Exists(path) ? fileSystem.File.ReadAllText(path).Trim() : null;
}
