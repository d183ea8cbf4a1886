namespace BuildRunner.Reporting;

/// <summary>Hermetic builds in this pod, as <c>doctor</c> shows them.</summary>
/// <param name="On">Whether this build is hermetic (the hermetic setting).</param>
/// <param name="Possible">Whether the trial made the namespaces a hermetic build runs in; null when it was not tried.</param>
/// <param name="Detail">What the trial found, or why it failed.</param>
public sealed record HermeticReport(bool On, bool? Possible, string Detail);
