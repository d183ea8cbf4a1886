namespace BuildRunner.Failures;

/// <summary>Something found while planning that stops the build (blocking) or makes it worse than it could be.</summary>
/// <param name="Kind">The catalog entry: code, exit code, category.</param>
/// <param name="Message">What is wrong and why, naming the culprit.</param>
/// <param name="Fix">What the pod owner should change.</param>
/// <param name="Blocking">Whether the build cannot go ahead.</param>
public sealed record Problem(FailureKind Kind, string Message, string Fix, bool Blocking)
{
    /// <summary>The stable identifier, such as <c>missing-capability</c>.</summary>
    public string Code => Kind.Code;

    /// <summary>The exit code a blocking problem ends the build with.</summary>
    public int ExitCode => Kind.ExitCode;

    /// <summary>The problem as the failure the build ends with.</summary>
    public RunnerException ToException() => Kind.Fails(Message, Fix);
}
