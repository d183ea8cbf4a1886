using System.Text;
using CliWrap;

namespace BuildRunner.Host;

/// <summary>
/// Learns whether hermetic builds work in this pod by doing what a hermetic build does, without buildah: makes the
/// nested user and network namespaces (<see cref="NetworkNamespaceLauncher"/>), brings the loopback interface up,
/// drops to the pod's capabilities, and reports the interfaces it sees.
/// </summary>
public sealed class HermeticProbe(NetworkNamespaceLauncher launcher, CapabilitySet keep)
{
    private static readonly TimeSpan TrialTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Makes the trial.</summary>
    public async Task<HermeticTrial> TryAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TrialTimeout);
        var output = new StringBuilder();
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var command = launcher.Wrap(CliWrap.Cli.Wrap(launcher.UnshareTool), keep, [Cli.HermeticExecCommand.Report], release.Task)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(output));
        CommandTask<CommandResult> task;
        try
        {
            task = command.ExecuteAsync(timeout.Token);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new HermeticTrial(false, false, $"{launcher.UnshareTool} (util-linux) could not be started: {(e.InnerException ?? e).Message}");
        }
        string? mapError;
        CommandResult result;
        try
        {
            mapError = await launcher.MapAsync(task.ProcessId, timeout.Token);
            release.TrySetResult(mapError is null);
            result = await task;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            release.TrySetResult(false);
            return new HermeticTrial(true, false, $"the trial did not finish within {TrialTimeout.TotalSeconds:0} s");
        }
        var said = output.ToString().Trim().ReplaceLineEndings("; ");
        if (mapError is not null)
        {
            return new HermeticTrial(true, false, mapError);
        }
        if (result.ExitCode != 0)
        {
            return new HermeticTrial(true, false, said.Length > 0 ? said : $"{launcher.UnshareTool} exited with {result.ExitCode}");
        }
        var interfaces = said.Split("; ").FirstOrDefault(l => l.StartsWith("interfaces: ", StringComparison.Ordinal))?["interfaces: ".Length..];
        return interfaces == "lo"
            ? new HermeticTrial(true, true, "a nested user namespace mapping the pod's IDs and a network namespace with only loopback (up) were made")
            : new HermeticTrial(true, false, $"the network namespace holds more than loopback: {said}");
    }
}
