namespace BuildRunner.Settings;

/// <summary>
/// The settings one source gives, keyed by annotation key (<c>build-runner/...</c>). Keys outside the
/// runner's prefix are kept so reports can show them, and ignored by resolution.
/// </summary>
/// <param name="Source">Which kind of source this is.</param>
/// <param name="Origin">Where exactly, for messages (such as <c>pod annotations file "/etc/podinfo/annotations"</c>).</param>
/// <param name="Values">Raw values by annotation key.</param>
public sealed record SettingLayer(SettingSource Source, string Origin, IReadOnlyDictionary<string, string> Values);
