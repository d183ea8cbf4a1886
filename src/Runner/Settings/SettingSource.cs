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

/// <summary>The names a <see cref="SettingSource"/> has in reports and result files.</summary>
public static class SettingSourceNames
{
    /// <summary>The report name: <c>default</c>, <c>cluster-defaults</c>, <c>build</c>, <c>pod-annotation</c>, <c>flag</c> or <c>cluster-overrides</c>.</summary>
    public static string ToName(this SettingSource source) => source switch
    {
        SettingSource.Default => "default",
        SettingSource.ClusterDefaults => "cluster-defaults",
        SettingSource.Build => "build",
        SettingSource.PodAnnotation => "pod-annotation",
        SettingSource.Flag => "flag",
        SettingSource.ClusterOverrides => "cluster-overrides",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };
}
