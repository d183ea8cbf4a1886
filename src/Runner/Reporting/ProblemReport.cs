namespace BuildRunner.Reporting;

/// <summary>
/// A problem or a failure as reports show it: the result file's <c>error</c> and each of the doctor report's
/// <c>problems</c>. One shape for both, made from the catalog's entries.
/// </summary>
/// <param name="Code">The catalog code.</param>
/// <param name="Category">The catalog category: <c>configuration</c>, <c>environment</c>, <c>build</c>, <c>push</c>, <c>cancelled</c> or <c>internal</c>.</param>
/// <param name="Message">What is wrong and why.</param>
/// <param name="Fix">What to change.</param>
/// <param name="ExitCode">The exit code it ends (or would end) the build with.</param>
/// <param name="Blocking">Whether it stops the build (a failure always does).</param>
public sealed record ProblemReport(string Code, string Category, string Message, string Fix, int ExitCode, bool Blocking)
{
    /// <summary>The report of the failure a run ended with.</summary>
    public static ProblemReport Of(RunnerException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new ProblemReport(failure.Code, failure.Kind.Category.ToName(), failure.Message, failure.Fix, failure.ExitCode, true);
    }

    /// <summary>The report of a problem found while planning, its texts passed through <paramref name="show"/> (masking).</summary>
    public static ProblemReport Of(Problem problem, Func<string, string> show)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(show);
        return new ProblemReport(problem.Code, problem.Kind.Category.ToName(), show(problem.Message), show(problem.Fix), problem.ExitCode, problem.Blocking);
    }
}
