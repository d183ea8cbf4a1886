namespace BuildRunner.Planning;

/// <summary>Something found while deciding that stops the build (blocking) or makes it worse than it could be.</summary>
/// <param name="Code">A short stable identifier, such as <c>missing-capability</c>.</param>
/// <param name="Message">What is wrong and why.</param>
/// <param name="Fix">What the pod owner should change.</param>
/// <param name="Blocking">Whether the build cannot go ahead.</param>
/// <param name="ExitCode">The exit code a blocking problem ends the build with.</param>
public sealed record Problem(string Code, string Message, string Fix, bool Blocking, int ExitCode)
{
    /// <summary>The problem as the failure the build ends with.</summary>
    public RunnerException ToException() => new(ExitCode, Code, Message, Fix);
}
