namespace BuildRunner.Reporting;

/// <summary>The storage probe as reported.</summary>
/// <param name="Selected">The chosen driver, or null.</param>
/// <param name="Explanation">Why.</param>
/// <param name="Candidates">Each driver tried.</param>
public sealed record StorageReport(string? Selected, string Explanation, IReadOnlyList<StorageCandidateReport> Candidates);

/// <summary>One storage driver as the probe found it.</summary>
/// <param name="Driver">The driver's name.</param>
/// <param name="Usable">Whether it works.</param>
/// <param name="Reason">Why or why not.</param>
public sealed record StorageCandidateReport(string Driver, bool Usable, string Reason);
