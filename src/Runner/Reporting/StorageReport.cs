namespace BuildRunner.Reporting;

/// <summary>The storage probe as reported.</summary>
/// <param name="Selected">The chosen driver, or null.</param>
/// <param name="Explanation">Why.</param>
/// <param name="Candidates">Each driver tried.</param>
public sealed record StorageReport(string? Selected, string Explanation, IReadOnlyList<StorageCandidateReport> Candidates);
