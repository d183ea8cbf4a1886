namespace BuildRunner.Reporting;

/// <summary>The newuidmap/newgidmap verdict.</summary>
/// <param name="Usable">Whether they will work.</param>
/// <param name="Message">Why.</param>
/// <param name="Fix">What to change, when they will not.</param>
public sealed record NewIdMapReport(bool Usable, string Message, string? Fix);
