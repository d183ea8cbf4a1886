namespace BuildRunner.Settings;

/// <summary>Where the settings of a run come from.</summary>
/// <param name="AnnotationsPath">The pod's annotations file (downward API); a missing file means no annotations.</param>
/// <param name="DefaultsPath">The cluster defaults file; a missing file means none.</param>
/// <param name="OverridesPath">The cluster overrides file; a missing file means none.</param>
/// <param name="Flags">Settings given as flags, by annotation key.</param>
/// <param name="BuildJson">The <c>BUILD</c> environment variable (an OpenShift Build object), or null.</param>
/// <param name="PushDockercfgPath">The <c>PUSH_DOCKERCFG_PATH</c> environment variable, or null.</param>
public sealed record SettingInputs(
    string AnnotationsPath,
    string DefaultsPath,
    string OverridesPath,
    IReadOnlyDictionary<string, string> Flags,
    string? BuildJson,
    string? PushDockercfgPath);
