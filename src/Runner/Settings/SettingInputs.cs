namespace BuildRunner.Settings;

/// <summary>Where the settings of a run come from.</summary>
/// <param name="AnnotationsPath">The pod's annotations file (downward API); a missing file means no annotations.</param>
/// <param name="DefaultsPath">The cluster defaults file; a missing file means none.</param>
/// <param name="OverridesPath">The cluster overrides file; a missing file means none.</param>
/// <param name="Flags">Settings given as flags, by annotation key.</param>
/// <param name="OpenShift">What OpenShift hands a custom builder (the <c>BUILD</c> variable and its companions), or null.</param>
public sealed record SettingInputs(
    string AnnotationsPath,
    string DefaultsPath,
    string OverridesPath,
    IReadOnlyDictionary<string, string> Flags,
    OpenShiftEnvironment? OpenShift)
{
    /// <summary>The run's private work folder, where files prepared from the sources (a converted auth file) are planned; null plans none.</summary>
    public string? WorkDirectory { get; init; }
}
