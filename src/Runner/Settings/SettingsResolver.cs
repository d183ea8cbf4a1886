using System.Collections.Immutable;

namespace BuildRunner.Settings;

/// <summary>
/// Applies setting layers in precedence order: built-in default &lt; cluster defaults &lt; Build annotations &lt;
/// pod annotations &lt; flags &lt; cluster overrides. A later layer replaces a whole value (lists are not merged),
/// so every effective value has exactly one source.
/// </summary>
public static class SettingsResolver
{
    /// <summary>Resolves <paramref name="layers"/> (any order; they are sorted by source, stably).</summary>
    /// <exception cref="RunnerException">A value is invalid for its setting.</exception>
    public static ResolvedSettings Resolve(IEnumerable<SettingLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var effective = SettingsCatalog.All.ToDictionary(
            d => d.Name,
            d => new EffectiveSetting(d, d.DefaultValue, SettingSource.Default),
            StringComparer.Ordinal);
        var warnings = ImmutableArray.CreateBuilder<string>();
        var knownKeys = SettingsCatalog.All.Select(d => d.AnnotationKey).ToList();

        foreach (var layer in layers.OrderBy(l => l.Source))
        {
            foreach (var (key, raw) in layer.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (!key.StartsWith(SettingDefinition.AnnotationPrefix, StringComparison.Ordinal))
                {
                    continue;
                }
                var definition = SettingsCatalog.ByAnnotationKey(key);
                if (definition is null)
                {
                    warnings.Add($"{layer.Origin}: unknown key {key} is ignored; did you mean {ClosestName.Find(key, knownKeys)}?");
                    continue;
                }
                var value = SettingValidator.Normalize(definition, raw, layer.Origin);
                effective[definition.Name] = new EffectiveSetting(definition, value, layer.Source);
            }
        }
        return new ResolvedSettings(effective.ToImmutableDictionary(StringComparer.Ordinal), warnings.ToImmutable());
    }
}
