using System.Collections.Immutable;

namespace BuildRunner.Settings;

/// <summary>Every setting's effective value with its source, plus warnings about keys that were not understood.</summary>
/// <param name="Settings">Effective settings by name, one for every definition in <see cref="SettingsCatalog.All"/>.</param>
/// <param name="Warnings">Messages about unknown <c>build-runner/</c> keys, each naming the closest known key.</param>
public sealed record ResolvedSettings(ImmutableDictionary<string, EffectiveSetting> Settings, ImmutableArray<string> Warnings)
{
    /// <summary>The effective value of <paramref name="definition"/>.</summary>
    public EffectiveSetting this[SettingDefinition definition]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(definition);
            return Settings[definition.Name];
        }
    }

    /// <summary>The settings in catalog order.</summary>
    public IEnumerable<EffectiveSetting> InOrder() => SettingsCatalog.All.Select(d => Settings[d.Name]);
}
