using System.Collections.Immutable;

namespace BuildRunner.Settings;

/// <summary>Everything read from the setting sources, and the settings it resolves to.</summary>
/// <param name="Resolved">Effective settings with their sources.</param>
/// <param name="PodAnnotations">The pod's annotations as read (all keys, not only the runner's).</param>
/// <param name="Layers">The layers that were found, lowest precedence first.</param>
public sealed record GatheredSettings(
    ResolvedSettings Resolved,
    IReadOnlyDictionary<string, string> PodAnnotations,
    ImmutableArray<SettingLayer> Layers)
{
    /// <summary>The files an OpenShift Build needs written before it is built (auth file, registry CAs, inline Dockerfile).</summary>
    public OpenShiftPreparation OpenShift { get; init; } = OpenShiftPreparation.None;
}
