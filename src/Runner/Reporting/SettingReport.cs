namespace BuildRunner.Reporting;

/// <summary>A setting's effective value and where it came from.</summary>
/// <param name="Value">The value; list items one per line; build-argument values hidden.</param>
/// <param name="Source"><c>default</c>, <c>cluster-defaults</c>, <c>build</c>, <c>pod-annotation</c>, <c>flag</c> or <c>cluster-overrides</c>.</param>
public sealed record SettingReport(string Value, string Source);
