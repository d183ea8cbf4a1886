using System.Collections.Immutable;
using System.IO.Abstractions;
using BuildRunner.Execution;
using BuildRunner.Gathering;
using BuildRunner.Planning;
using BuildRunner.Secrets;
using BuildRunner.Settings;
using BuildRunner.Storage;
using Microsoft.Extensions.Logging;

namespace BuildRunner.Cli;

/// <summary>
/// <c>build-runner prefetch [flags] IMAGE...</c>: fills the store under <c>--storage-root</c> with images, for builds
/// that mount it read-only as an image store (<c>--image-store</c>). It takes build's steps (identity, privileges,
/// the storage probe) and then one <c>buildah pull</c> per image the store does not hold yet, honouring
/// <c>--authfile</c>, <c>--tls-verify</c> and <c>--pull-policy</c> (<c>always</c> and <c>newer</c> pull again).
/// Builds may read the store meanwhile: containers/storage records an image in its index only after every layer is
/// in, and replaces the index atomically under its lock, so a reader sees a whole image or none.
/// </summary>
public sealed class PrefetchCommand(IFileSystem fileSystem, RunEnvironment environment)
{
    /// <summary>Pulls what is missing; returns the exit code.</summary>
    public async Task<int> RunAsync(ParsedArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var gatherer = environment.CreateGatherer(fileSystem);
        // First, so the settings can name files prepared in it (an OpenShift Build's converted auth file).
        using var work = new WorkDirectory(fileSystem);
        var gathered = gatherer.GatherSettings(environment.SettingInputs(arguments, work.Path));
        gathered.OpenShift.Write(fileSystem);
        var settings = BuildSettings.From(gathered.Resolved);
        using var loggerFactory = environment.CreateLoggerFactory(settings.LogLevel);
        var log = loggerFactory.CreateLogger("build-runner");
        var secrets = SecretMask.None;
        try
        {
            foreach (var warning in gathered.Resolved.Warnings)
            {
                log.LogWarning("{Warning}", warning);
            }
            var images = arguments.OptionOrNull(CommandOptions.Images) is string named
                ? named.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToImmutableArray()
                : [];
            var reader = new SharedStoreReader(fileSystem);
            var request = new PrefetchRequest(images, Present(reader, settings.StorageRoot, "overlay"), Present(reader, settings.StorageRoot, "vfs"));
            var plan = Planner.Plan(await gatherer.GatherAsync(gathered, work.Path, ResultFiles.Default, cancellationToken), request);
            secrets = plan.SecretMask;
            var buildahLog = loggerFactory.CreateLogger("buildah");
            var executor = new PlanExecutor(fileSystem,
                environment.CreateBuildah(buildahLog, plan.Privileges.Keep, LogLevel.Information),
                environment.CreateBuildah(buildahLog, plan.Privileges.Keep, LogLevel.Debug),
                log);
            executor.LogPlan(plan);
            if (plan.NeedsStorageStep)
            {
                plan = Planner.Plan(await executor.RunStorageStepAsync(plan, probeAll: false, cancellationToken), request);
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
            foreach (var image in plan.AlreadyInStore.Where(i => plan.Steps.All(s => s.Image != i)))
            {
                log.LogInformation("{Image} is already in {Store}: not pulled again (pull-policy {Policy})", image, settings.StorageRoot, settings.PullPolicy.ToName());
            }
            await executor.RunBuildahAsync(plan, new BuildProgress(), cancellationToken);
            var driver = plan.Storage!.Driver == StorageDriver.Vfs ? "vfs" : "overlay";
            log.LogInformation("the store {Store} holds {Count} image(s) for {Driver}; builds use it with --image-store (mounted read-only), the {Driver} driver and this ID mapping",
                settings.StorageRoot, Present(reader, settings.StorageRoot, driver).Length, driver, driver);
            return ExitCodes.Success;
        }
        catch (RunnerException failure)
        {
            environment.ReportFailure(secrets.Apply(failure));
            return failure.ExitCode;
        }
        catch (OperationCanceledException)
        {
            // An image half pulled is not in the store's index: the next prefetch pulls it again.
            var stopped = FailureCatalog.Cancelled.Fails("the prefetch was stopped by a signal before it finished",
                "run it again: images it had not finished are not in the store, and the ones it had are skipped");
            environment.ReportFailure(stopped);
            return stopped.ExitCode;
        }
    }

    // A store whose index cannot be read yet (a fresh folder) holds nothing; the pull then says what is wrong.
    private static ImmutableArray<string> Present(SharedStoreReader reader, string root, string driver)
    {
        try
        {
            return reader.ImageNames(root, driver);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
