namespace BuildRunner.Reporting;

/// <summary>One thing a build pod must provide, and whether this pod does.</summary>
/// <param name="Name"><c>user namespace</c>, <c>capabilities</c>, <c>seccomp</c>, <c>storage</c> or <c>identity</c>.</param>
/// <param name="Met">Whether nothing about it stops or slows the build.</param>
/// <param name="Detail">What the runner found.</param>
/// <param name="Fix">What to change in the pod spec when it is not met, else null.</param>
public sealed record RequirementReport(string Name, bool Met, string Detail, string? Fix);
