namespace BuildRunner.Settings;

/// <summary>The value a setting ended up with, and where it came from.</summary>
/// <param name="Definition">The setting.</param>
/// <param name="Value">The value in normal form; list items one per line; empty means "none".</param>
/// <param name="Source">The source that set it.</param>
public sealed record EffectiveSetting(SettingDefinition Definition, string Value, SettingSource Source)
{
    /// <summary>List items (for list settings), or the single value as one item; empty when unset.</summary>
    public IReadOnlyList<string> Items =>
        Value.Length == 0 ? [] : Value.Split('\n');
}
