using System.Text.Json;

namespace BuildRunner.Settings;

/// <summary>
/// The fields of an OpenShift Build object (<c>build.openshift.io/v1</c>) the runner reads, as they appear in the
/// <c>BUILD</c> JSON. Every field is optional, as in the API; fields not declared here are ignored, so whatever else
/// OpenShift writes (status, revision, triggers, custom strategy env...) passes through unread.
/// </summary>
/// <remarks>
/// Strings and booleans go through <see cref="StrictStringConverter"/> and <see cref="StrictBooleanConverter"/>,
/// so a value of the wrong kind fails with its JSON path instead of being coerced.
/// </remarks>
internal static class OpenShiftBuildJson
{
    /// <summary>The Build object itself.</summary>
    internal sealed record BuildObject(string? Kind, BuildMetadata? Metadata, BuildSpec? Spec);

    /// <summary><c>metadata</c>: annotation values are nullable because the API server decodes a JSON null as "".</summary>
    internal sealed record BuildMetadata(string? Name, string? Namespace, IReadOnlyDictionary<string, string?>? Annotations);

    /// <summary><c>spec</c>.</summary>
    internal sealed record BuildSpec(BuildSource? Source, BuildStrategy? Strategy, BuildOutput? Output);

    /// <summary><c>spec.source</c>.</summary>
    internal sealed record BuildSource(string? ContextDir);

    /// <summary><c>spec.strategy</c>.</summary>
    internal sealed record BuildStrategy(string? Type, CustomStrategy? CustomStrategy, DockerStrategy? DockerStrategy);

    /// <summary>
    /// <c>spec.strategy.customStrategy</c>, read only for its shape: the custom strategy's env reaches the pod as
    /// environment variables, and the runner reads its settings from the Build's annotations.
    /// </summary>
    internal sealed record CustomStrategy;

    /// <summary><c>spec.strategy.dockerStrategy</c>.</summary>
    internal sealed record DockerStrategy(string? DockerfilePath, bool? NoCache, bool? ForcePull, IReadOnlyList<EnvVar?>? BuildArgs);

    /// <summary><c>spec.output</c>.</summary>
    internal sealed record BuildOutput(ObjectReference? To, IReadOnlyList<EnvVar?>? ImageLabels);

    /// <summary><c>spec.output.to</c>: a <c>DockerImage</c> pullspec or an <c>ImageStreamTag</c>, among others.</summary>
    internal sealed record ObjectReference(string? Kind, string? Name);

    /// <summary>
    /// A Kubernetes EnvVar: <c>buildArgs</c> and <c>imageLabels</c> entries. <c>valueFrom</c> is kept raw: only its
    /// presence matters, since the secrets and config maps it names cannot be resolved from inside the pod.
    /// </summary>
    internal sealed record EnvVar(string? Name, string? Value, JsonElement? ValueFrom);
}
