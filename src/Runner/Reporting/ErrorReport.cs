namespace BuildRunner.Reporting;

/// <summary>A failure as the result file shows it.</summary>
/// <param name="Code">A short stable identifier.</param>
/// <param name="Message">What failed and why.</param>
/// <param name="Fix">What to change.</param>
/// <param name="ExitCode">The exit code the runner ended with.</param>
public sealed record ErrorReport(string Code, string Message, string Fix, int ExitCode)
{
    /// <summary>The report of <paramref name="failure"/>.</summary>
    public static ErrorReport Of(RunnerException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new ErrorReport(failure.Code, failure.Message, failure.Fix, failure.ExitCode);
    }
}
