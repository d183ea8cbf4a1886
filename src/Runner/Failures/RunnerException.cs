namespace BuildRunner.Failures;

/// <summary>
/// The one failure type of the runner: an expected failure that a pod owner can act on. It names its
/// <see cref="FailureKind"/> in <see cref="FailureCatalog"/> (so code and exit code always agree), says what failed
/// and why (<see cref="Exception.Message"/>), and the fix. It is reported without a stack trace.
/// </summary>
public sealed class RunnerException : Exception
{
    /// <summary>Creates a failure of <paramref name="kind"/>, wrapping the low-level cause when there is one (kept for debugging, never printed as a trace).</summary>
    public RunnerException(FailureKind kind, string message, string fix, Exception? inner = null)
        : base(message, inner)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Kind = kind;
        Fix = fix;
    }

    /// <summary>The catalog entry.</summary>
    public FailureKind Kind { get; }

    /// <summary>The process exit code; one of <see cref="ExitCodes"/>.</summary>
    public int ExitCode => Kind.ExitCode;

    /// <summary>A short stable identifier, such as <c>invalid-setting</c>, for result files and scripts.</summary>
    public string Code => Kind.Code;

    /// <summary>What the pod owner should do about it.</summary>
    public string Fix { get; }
}
