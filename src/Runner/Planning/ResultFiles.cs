namespace BuildRunner.Planning;

/// <summary>The files a run reports its outcome in, as the pod names them.</summary>
/// <param name="Result">The JSON result file (<c>--result</c>), or null for none.</param>
/// <param name="TerminationMessage">The termination message file (<c>--termination-log</c>, the kubelet's <c>/dev/termination-log</c> by default).</param>
/// <param name="CreateTerminationMessage">Whether the termination message file is written even when it does not exist
/// (only when named explicitly: the kubelet creates the default one, and a runner started by hand must not leave a
/// stray file in the node's /dev).</param>
public sealed record ResultFiles(string? Result, string TerminationMessage, bool CreateTerminationMessage)
{
    /// <summary>What a run reports to when no file is named: the kubelet's termination message, if it exists.</summary>
    public static ResultFiles Default { get; } = new(null, "/dev/termination-log", false);
}
