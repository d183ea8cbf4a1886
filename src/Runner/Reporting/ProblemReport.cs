namespace BuildRunner.Reporting;

/// <summary>A problem as reported.</summary>
/// <param name="Code">A short stable identifier.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Fix">What to change.</param>
/// <param name="Blocking">Whether it stops the build.</param>
public sealed record ProblemReport(string Code, string Message, string Fix, bool Blocking);
