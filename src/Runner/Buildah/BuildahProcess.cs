using System.Collections.Immutable;
using BuildRunner.Host;
using CliWrap;
using Microsoft.Extensions.Logging;

namespace BuildRunner.Buildah;

/// <summary>
/// Runs the real buildah through CliWrap. Every line it writes goes to the log as it comes; the last lines are
/// kept for the error report. When <paramref name="keep"/> is given, buildah starts with a bounding set cut to it.
/// <paramref name="outputLevel"/> is the level buildah's lines are logged at (probes log theirs at debug).
/// </summary>
public sealed class BuildahProcess(ILogger logger, CapabilitySet? keep, LogLevel outputLevel = LogLevel.Information, string executable = "buildah") : IBuildahRunner
{
    private const int TailLines = 40;
    private const int WarningLines = 20;

    // Well inside Kubernetes' default 30 s termination grace period, so the result and termination message are
    // written before the kubelet's SIGKILL.
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public async Task<BuildahOutcome> RunAsync(BuildahInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        logger.LogDebug("{Purpose}: {Command}", invocation.Purpose, invocation.Redacted());
        var tail = new Queue<string>();
        var warnings = new List<string>();
        void Remember(string line)
        {
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }
                if (warnings.Count < WarningLines && line.Contains("level=warning", StringComparison.Ordinal))
                {
                    warnings.Add(line);
                }
            }
        }

        // A RUN step may print a secret: each line is masked before it is logged or kept for an error message.
        void Take(string line)
        {
            var shown = invocation.Mask.Apply(line);
            Remember(shown);
            logger.Log(outputLevel, "{Line}", shown);
        }

        // A hermetic build: the same buildah run, inside a network namespace of its own, released once its ID maps are written.
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var plain = CliWrap.Cli.Wrap(executable).WithArguments(invocation.Arguments);
        var wrapped = invocation.Isolation is { } isolation
            ? isolation.Wrap(plain, keep ?? CapabilityRestriction.ReadBoundingSet(), [executable, .. invocation.Arguments], release.Task)
            : plain;
        var command = wrapped
            .WithEnvironmentVariables(invocation.Environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Take))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Take));

        // Cancellation goes through CliWrap: graceful first (SIGINT, so buildah can stop its RUN step, unmount and
        // remove its working container), then forceful after GracePeriod (SIGKILL to buildah and all its descendants,
        // so no RUN step survives or keeps the output pipes open).
        using var forceful = new CancellationTokenSource();
        using var escalate = cancellationToken.Register(() => forceful.CancelAfter(GracePeriod));
        CommandTask<CommandResult> task;
        try
        {
            // CliWrap starts the process before ExecuteAsync returns, so the restriction (per thread) reaches it.
            task = keep is CapabilitySet set
                ? CapabilityRestriction.StartRestricted(set, () => command.ExecuteAsync(forceful.Token, cancellationToken))
                : command.ExecuteAsync(forceful.Token, cancellationToken);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // CliWrap's own text ("... See the inner exception") is for developers; the system's reason is the inner one.
            throw FailureCatalog.BuildahMissing.Fails($"{invocation.Purpose}: cannot start {executable}: {(e.InnerException ?? e).Message}",
                "use the build-runner image, or install buildah in the image the pod runs",
                e);
        }
        if (invocation.Isolation is { } launcher)
        {
            string? mapError;
            try
            {
                mapError = await launcher.MapAsync(task.ProcessId, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                mapError = "cancelled";
            }
            release.TrySetResult(mapError is null);
            if (mapError is not null)
            {
                await task;
                throw FailureCatalog.HermeticUnavailable.Fails($"{invocation.Purpose}: making the build's network namespace: {mapError}",
                    $"run doctor in the pod to see why hermetic builds cannot work here, or set {Settings.SettingsCatalog.Hermetic.AnnotationKey} to false");
            }
        }
        var result = await task;
        ImmutableArray<string> lines;
        ImmutableArray<string> warned;
        lock (tail)
        {
            lines = [.. tail];
            warned = [.. warnings];
        }
        return new BuildahOutcome(result.ExitCode, lines, task.ProcessId) { Warnings = warned };
    }
}
