using System.Text;

namespace BuildRunner.Settings;

/// <summary>The settings contract as a Markdown table: what the README shows, generated from <see cref="SettingsCatalog"/>.</summary>
public static class SettingsTable
{
    /// <summary>The table, one row per setting.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append("| annotation | flag | default | allowed values | effect |\n");
        text.Append("| --- | --- | --- | --- | --- |\n");
        foreach (var d in SettingsCatalog.All)
        {
            var defaultValue = d.DefaultValue.Length == 0 ? "(none)" : $"`{d.DefaultValue.Replace("\n", ",", StringComparison.Ordinal)}`";
            text.Append("| `").Append(d.AnnotationKey).Append("` | `").Append(d.Flag).Append("` | ")
                .Append(defaultValue).Append(" | ").Append(Allowed(d)).Append(" | ").Append(d.Effect).Append(" |\n");
        }
        return text.ToString();
    }

    private static string Allowed(SettingDefinition d) => d.Kind switch
    {
        SettingKind.Boolean => "`true`, `false`",
        SettingKind.Choice => string.Join(", ", d.AllowedValues.Select(a => $"`{a}`")),
        SettingKind.WholeNumber => "whole number",
        SettingKind.Duration => "`500ms`, `2s`, `1m`: above zero",
        SettingKind.KeyValueList => "`NAME=VALUE` lines",
        SettingKind.List when d == SettingsCatalog.RunCapabilities => "capability names, or `+NAME`/`-NAME` lines",
        SettingKind.List when d == SettingsCatalog.Secrets => "`id=NAME,src=PATH` lines",
        SettingKind.List => "one per line",
        SettingKind.Text when d == SettingsCatalog.CacheRepo => "`HOST/PATH`: a repository, no tag",
        _ => "text",
    };
}
