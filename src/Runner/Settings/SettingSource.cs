namespace BuildRunner.Settings;

/// <summary>Where an effective setting came from, lowest precedence first.</summary>
public enum SettingSource
{
    /// <summary>The runner's built-in default.</summary>
    Default,

    /// <summary>The cluster admin's defaults file (<c>--defaults</c>).</summary>
    ClusterDefaults,

    /// <summary>The OpenShift Build object in the <c>BUILD</c> environment variable.</summary>
    Build,

    /// <summary>The pod's own annotations (downward API file).</summary>
    PodAnnotation,

    /// <summary>A command-line flag.</summary>
    Flag,

    /// <summary>The cluster admin's overrides file (<c>--overrides</c>): always wins.</summary>
    ClusterOverrides,
}
