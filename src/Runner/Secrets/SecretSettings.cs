using BuildRunner.Settings;

namespace BuildRunner.Secrets;

/// <summary>
/// How a setting's value (or a pod annotation's) may be shown: build-argument values become <c>NAME=***</c> whatever
/// their length, since any of them may be a secret; then every known secret value is masked, since one may also
/// sit in another annotation (<c>kubectl.kubernetes.io/last-applied-configuration</c> repeats them all).
/// </summary>
public static class SecretSettings
{
    /// <summary><paramref name="value"/> of <paramref name="definition"/> (null for an annotation that is no setting), safe to show.</summary>
    public static string Shown(SettingDefinition? definition, string value, SecretMask mask)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(mask);
        if (definition == SettingsCatalog.BuildArgs)
        {
            value = string.Join("\n", value.Split('\n').Select(HideValue));
        }
        else if (definition == SettingsCatalog.HttpProxy || definition == SettingsCatalog.HttpsProxy)
        {
            value = ProxyUrl.Shown(value);
        }
        return mask.Apply(value);
    }

    /// <summary>An annotation's value, safe to show.</summary>
    public static string ShownAnnotation(string key, string value, SecretMask mask) =>
        Shown(SettingsCatalog.ByAnnotationKey(key), value, mask);

    // NAME=VALUE keeps its name; a line without '=' (not a valid item) is hidden whole; blank lines stay as written.
    private static string HideValue(string line)
    {
        if (line.Trim().Length == 0)
        {
            return line;
        }
        var eq = line.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? SecretMask.Placeholder : line[..(eq + 1)] + SecretMask.Placeholder;
    }
}
