namespace BuildRunner;

/// <summary>
/// The one failure type of the runner: an expected failure that a pod owner can act on.
/// It carries the process exit code, what failed and why (<see cref="Exception.Message"/>), and the fix.
/// It is reported without a stack trace.
/// </summary>
public sealed class RunnerException : Exception
{
    /// <summary>Creates a failure with an exit code, a message (what failed and why) and a fix.</summary>
    public RunnerException(int exitCode, string code, string message, string fix)
        : base(message)
    {
        ExitCode = exitCode;
        Code = code;
        Fix = fix;
    }

    /// <summary>Creates a failure that wraps the low-level cause (kept for debugging, never printed as a trace).</summary>
    public RunnerException(int exitCode, string code, string message, string fix, Exception inner)
        : base(message, inner)
    {
        ExitCode = exitCode;
        Code = code;
        Fix = fix;
    }

    /// <summary>The process exit code; one of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }

    /// <summary>A short stable identifier, such as <c>invalid-annotation</c>, for result files and scripts.</summary>
    public string Code { get; }

    /// <summary>What the pod owner should do about it.</summary>
    public string Fix { get; }
}
