namespace BuildRunner.Settings;

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
