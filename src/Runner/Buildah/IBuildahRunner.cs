namespace BuildRunner.Buildah;

/// <summary>Runs buildah. The seam between deciding what to run and running it.</summary>
public interface IBuildahRunner
{
    /// <summary>Runs <paramref name="invocation"/> to the end, streaming its output to the log as it comes.</summary>
    Task<BuildahOutcome> RunAsync(BuildahInvocation invocation, CancellationToken cancellationToken);
}
