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

    /// <inheritdoc />
    public async Task<BuildahOutcome> RunAsync(BuildahInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        logger.LogDebug("{Purpose}: {Command}", invocation.Purpose, invocation.Redacted());
        var tail = new Queue<string>();
        void Remember(string line)
        {
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
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

        var command = CliWrap.Cli.Wrap(executable)
            .WithArguments(invocation.Arguments)
            .WithEnvironmentVariables(invocation.Environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Take))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Take));

        CommandTask<CommandResult> task;
        try
        {
            // CliWrap starts the process before ExecuteAsync returns, so the restriction (per thread) reaches it.
            // Cancellation is handled below, not by CliWrap: killing buildah alone would leave its RUN step running
            // and holding the output pipes open.
            task = keep is CapabilitySet set
                ? CapabilityRestriction.StartRestricted(set, () => command.ExecuteAsync(CancellationToken.None))
                : command.ExecuteAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw FailureCatalog.BuildahMissing.Fails($"{invocation.Purpose}: cannot start {executable}: {e.Message}",
                "use the build-runner image, or install buildah in the image the pod runs",
                e);
        }
        CommandResult result;
        using (cancellationToken.Register(() => KillTree(task.ProcessId)))
        {
            result = await task;
        }
        cancellationToken.ThrowIfCancellationRequested();
        ImmutableArray<string> lines;
        lock (tail)
        {
            lines = [.. tail];
        }
        return new BuildahOutcome(result.ExitCode, lines, task.ProcessId);
    }

    // buildah, its nested re-execution, and the RUN step it runs: all descendants, found through /proc.
    private static void KillTree(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It ended on its own meanwhile.
        }
    }
}
