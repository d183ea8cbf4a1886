namespace BuildRunner.Failures;

/// <summary>
/// One entry of <see cref="FailureCatalog"/>: a kind of failure with its stable code, its exit code and category.
/// Every problem and every failure names its kind, so a code always has the same exit code.
/// </summary>
/// <param name="Code">The stable identifier in result files and doctor reports, such as <c>context-missing</c>.</param>
/// <param name="ExitCode">The process exit code; one of <see cref="ExitCodes"/>.</param>
/// <param name="Category">Whose move it is.</param>
/// <param name="Meaning">What it means, in one line for the README's failure table.</param>
public sealed record FailureKind(string Code, int ExitCode, FailureCategory Category, string Meaning)
{
    /// <summary>A blocking problem of this kind.</summary>
    public Problem Blocks(string message, string fix) => new(this, message, fix, Blocking: true);

    /// <summary>A problem of this kind that makes the build worse but does not stop it.</summary>
    public Problem Warns(string message, string fix) => new(this, message, fix, Blocking: false);

    /// <summary>The failure of this kind that ends a run.</summary>
    public RunnerException Fails(string message, string fix, Exception? inner = null) => new(this, message, fix, inner);
}
