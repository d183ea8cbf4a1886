namespace BuildRunner.Reporting;

/// <summary>One storage driver as the probe found it.</summary>
/// <param name="Driver">The driver's name.</param>
/// <param name="Usable">Whether it works.</param>
/// <param name="Reason">Why or why not.</param>
public sealed record StorageCandidateReport(string Driver, bool Usable, string Reason);
