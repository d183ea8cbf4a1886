namespace BuildRunner.Settings;

/// <summary>
/// The parts of an OpenShift Build object (<c>build.openshift.io/v1</c>) the runner uses, read from the
/// <c>BUILD</c> environment variable that OpenShift's docker and custom build strategies set.
/// Absent fields are null (or empty collections); the caller decides what a missing field means.
/// </summary>
/// <param name="Annotations"><c>metadata.annotations</c>; empty when absent.</param>
/// <param name="Name"><c>metadata.name</c>.</param>
/// <param name="Namespace"><c>metadata.namespace</c>.</param>
/// <param name="StrategyType"><c>spec.strategy.type</c>, such as <c>Docker</c> or <c>Custom</c>.</param>
/// <param name="OutputKind"><c>spec.output.to.kind</c>, such as <c>DockerImage</c> or <c>ImageStreamTag</c>.</param>
/// <param name="OutputName"><c>spec.output.to.name</c> whatever its kind, so the caller can explain an output it cannot push to.</param>
/// <param name="OutputImage"><c>spec.output.to.name</c> only when the kind is <c>DockerImage</c>: a pullspec buildah can push to.</param>
/// <param name="DockerfilePath"><c>spec.strategy.dockerStrategy.dockerfilePath</c>, relative to <paramref name="ContextDir"/>.</param>
/// <param name="ContextDir"><c>spec.source.contextDir</c>, relative to the source root.</param>
/// <param name="BuildArgs"><c>spec.strategy.dockerStrategy.buildArgs</c> that carry a literal value, in order.</param>
/// <param name="SkippedBuildArgs">Names of build arguments set through <c>valueFrom</c>, which the runner cannot resolve.</param>
/// <param name="NoCache"><c>spec.strategy.dockerStrategy.noCache</c>.</param>
/// <param name="ForcePull"><c>spec.strategy.dockerStrategy.forcePull</c>.</param>
/// <param name="Labels"><c>spec.output.imageLabels</c>, in order.</param>
/// <param name="PushSecretPath">The <c>PUSH_DOCKERCFG_PATH</c> value as given: a directory holding the push secret, or a file.</param>
public sealed record OpenShiftBuild(
    IReadOnlyDictionary<string, string> Annotations,
    string? Name,
    string? Namespace,
    string? StrategyType,
    string? OutputKind,
    string? OutputName,
    string? OutputImage,
    string? DockerfilePath,
    string? ContextDir,
    IReadOnlyList<KeyValuePair<string, string>> BuildArgs,
    IReadOnlyList<string> SkippedBuildArgs,
    bool? NoCache,
    bool? ForcePull,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    string? PushSecretPath)
{
    /// <summary><c>spec.source.dockerfile</c>: an inline Dockerfile, which replaces any file in the source.</summary>
    public string? InlineDockerfile { get; init; }

    /// <summary><c>spec.strategy.dockerStrategy.from</c> when its kind is <c>DockerImage</c>: the base image that replaces the Dockerfile's.</summary>
    public string? From { get; init; }

    /// <summary><c>spec.strategy.dockerStrategy.env</c> entries that carry a literal value, in order: environment of the built image.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>Whether the Build's source is a Git repository or a binary archive, which someone must fetch into the context before the build.</summary>
    public bool HasFetchedSource { get; init; }

    /// <summary>
    /// What the Build asks for that the runner cannot honour, each naming its field and why (such as
    /// <c>spec.strategy.customStrategy.exposeDockerSocket: ...</c>); they become warnings.
    /// </summary>
    public IReadOnlyList<string> Unsupported { get; init; } = [];
}
