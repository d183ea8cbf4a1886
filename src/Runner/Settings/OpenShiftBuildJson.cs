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

    /// <summary><c>spec</c>; <c>postCommit</c> is kept raw: only whether it asks for something matters.</summary>
    internal sealed record BuildSpec(BuildSource? Source, BuildStrategy? Strategy, BuildOutput? Output, JsonElement? PostCommit);

    /// <summary>
    /// <c>spec.source</c>. The source kinds the runner does not fetch (<c>git</c>, <c>binary</c>, <c>images</c>, build
    /// <c>secrets</c> and <c>configMaps</c>) are kept raw: only their presence matters, to warn that they are not used.
    /// </summary>
    internal sealed record BuildSource(
        string? ContextDir,
        string? Dockerfile,
        JsonElement? Git,
        JsonElement? Binary,
        JsonElement? Images,
        JsonElement? Secrets,
        JsonElement? ConfigMaps);

    /// <summary><c>spec.strategy</c>; the strategies the runner is not (source-to-image, pipeline) are kept raw.</summary>
    internal sealed record BuildStrategy(
        string? Type,
        CustomStrategy? CustomStrategy,
        DockerStrategy? DockerStrategy,
        JsonElement? SourceStrategy,
        JsonElement? JenkinsPipelineStrategy);

    /// <summary>
    /// <c>spec.strategy.customStrategy</c>. Its <c>env</c> is the builder container's own environment (OpenShift sets
    /// it there) and its <c>from</c> is the builder image itself, so neither is a build setting; only what the runner
    /// cannot honour is read, to warn about it.
    /// </summary>
    internal sealed record CustomStrategy(bool? ExposeDockerSocket);

    /// <summary><c>spec.strategy.dockerStrategy</c>; <c>volumes</c> is kept raw (only its presence matters).</summary>
    internal sealed record DockerStrategy(
        string? DockerfilePath,
        bool? NoCache,
        bool? ForcePull,
        IReadOnlyList<EnvVar?>? BuildArgs,
        IReadOnlyList<EnvVar?>? Env,
        ObjectReference? From,
        string? ImageOptimizationPolicy,
        JsonElement? Volumes);

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
