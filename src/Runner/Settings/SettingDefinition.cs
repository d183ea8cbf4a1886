using System.Collections.Immutable;

namespace BuildRunner.Settings;

/// <summary>
/// One setting of the contract: its annotation key, its flag, its default, what it accepts and what it does.
/// The README's settings table is generated from these definitions, so the two cannot drift.
/// </summary>
/// <param name="Name">The name after <c>build-runner/</c>, such as <c>output-image</c>.</param>
/// <param name="Flag">The command-line flag, such as <c>--tag</c>.</param>
/// <param name="Kind">The shape of the value.</param>
/// <param name="DefaultValue">The built-in default; empty means "none".</param>
/// <param name="AllowedValues">For <see cref="SettingKind.Choice"/> and list items restricted to a vocabulary; empty otherwise.</param>
/// <param name="Effect">What the setting does, in one sentence for the README.</param>
public sealed record SettingDefinition(
    string Name,
    string Flag,
    SettingKind Kind,
    string DefaultValue,
    ImmutableArray<string> AllowedValues,
    string Effect)
{
    /// <summary>The prefix every runner annotation key carries.</summary>
    public const string AnnotationPrefix = "build-runner/";

    /// <summary>The annotation key, such as <c>build-runner/output-image</c>.</summary>
    public string AnnotationKey => AnnotationPrefix + Name;

    /// <summary>Whether the flag may be given more than once (list settings).</summary>
    public bool IsList => Kind is SettingKind.List or SettingKind.KeyValueList;

    /// <summary>
    /// Whether the flag also works bare (<c>--layers</c> for true) and with <c>--no-</c> (false): booleans, and choices
    /// that include true and false beside another value (such as <c>layers</c>: auto, true, false).
    /// </summary>
    public bool IsSwitch => Kind == SettingKind.Boolean
        || (Kind == SettingKind.Choice && AllowedValues.Contains("true") && AllowedValues.Contains("false"));
}
