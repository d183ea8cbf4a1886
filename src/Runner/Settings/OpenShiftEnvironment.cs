namespace BuildRunner.Settings;

/// <summary>
/// What OpenShift hands a custom builder besides the Build object: the environment variables its build controller
/// sets on the build container, and the folders it mounts there. Null (or an empty variable) means not given.
/// </summary>
/// <param name="BuildJson"><c>BUILD</c>: the Build object as JSON.</param>
/// <param name="PushDockercfgPath"><c>PUSH_DOCKERCFG_PATH</c>: the folder where the push secret (<c>spec.output.pushSecret</c>) is mounted.</param>
/// <param name="PullDockercfgPath"><c>PULL_DOCKERCFG_PATH</c>: the folder where the pull secret (the strategy's <c>pullSecret</c>) is mounted.</param>
/// <param name="OutputRegistry"><c>OUTPUT_REGISTRY</c>: the registry of the resolved output image (empty for Docker Hub short names).</param>
/// <param name="OutputImage"><c>OUTPUT_IMAGE</c>: the resolved output image without its registry.</param>
/// <param name="SourceContextDir"><c>SOURCE_CONTEXT_DIR</c>: <c>spec.source.contextDir</c>, as the controller passes it.</param>
/// <param name="RegistriesConfPath"><c>BUILD_REGISTRIES_CONF_PATH</c>: the cluster's registries.conf for builds.</param>
/// <param name="SignaturePolicyPath"><c>BUILD_SIGNATURE_POLICY_PATH</c>: the cluster's policy.json for builds.</param>
public sealed record OpenShiftEnvironment(
    string? BuildJson,
    string? PushDockercfgPath,
    string? PullDockercfgPath = null,
    string? OutputRegistry = null,
    string? OutputImage = null,
    string? SourceContextDir = null,
    string? RegistriesConfPath = null,
    string? SignaturePolicyPath = null)
{
    /// <summary>The environment variable that carries the Build object.</summary>
    public const string BuildVariable = "BUILD";

    /// <summary>The environment variable naming the push secret's folder.</summary>
    public const string PushDockercfgVariable = "PUSH_DOCKERCFG_PATH";

    /// <summary>The environment variable naming the pull secret's folder.</summary>
    public const string PullDockercfgVariable = "PULL_DOCKERCFG_PATH";

    /// <summary>The environment variable naming the output image's registry.</summary>
    public const string OutputRegistryVariable = "OUTPUT_REGISTRY";

    /// <summary>The environment variable naming the output image without its registry.</summary>
    public const string OutputImageVariable = "OUTPUT_IMAGE";

    /// <summary>The environment variable naming the context folder within the source.</summary>
    public const string SourceContextDirVariable = "SOURCE_CONTEXT_DIR";

    /// <summary>The environment variable naming the cluster's registries.conf for builds.</summary>
    public const string RegistriesConfVariable = "BUILD_REGISTRIES_CONF_PATH";

    /// <summary>The environment variable naming the cluster's signature policy for builds.</summary>
    public const string SignaturePolicyVariable = "BUILD_SIGNATURE_POLICY_PATH";

    /// <summary>Every variable read here, so a caller can clear them all (the bench must not read a Build by accident).</summary>
    public static readonly IReadOnlyList<string> Variables =
    [
        BuildVariable, PushDockercfgVariable, PullDockercfgVariable, OutputRegistryVariable, OutputImageVariable,
        SourceContextDirVariable, RegistriesConfVariable, SignaturePolicyVariable,
    ];

    /// <summary>Where OpenShift mounts the registry CAs of a build pod (<c>certs.d/HOST[:PORT]/ca.crt</c> inside).</summary>
    public const string CertsPath = "/var/run/configs/openshift.io/certs";

    /// <summary>Where OpenShift mounts the cluster's registries.conf and policy.json for a build pod.</summary>
    public const string BuildSystemPath = "/var/run/configs/openshift.io/build-system";

    /// <summary>The certs folder to read; tests point it elsewhere.</summary>
    public string CertsFolder { get; init; } = CertsPath;

    /// <summary>The build-system folder to read when the variables do not name the files; tests point it elsewhere.</summary>
    public string BuildSystemFolder { get; init; } = BuildSystemPath;

    /// <summary>Reads the variables through <paramref name="variable"/>; empty values read as absent.</summary>
    public static OpenShiftEnvironment From(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        string? Read(string name) => variable(name) is { Length: > 0 } value ? value : null;
        return new OpenShiftEnvironment(
            Read(BuildVariable), Read(PushDockercfgVariable), Read(PullDockercfgVariable), Read(OutputRegistryVariable),
            Read(OutputImageVariable), Read(SourceContextDirVariable), Read(RegistriesConfVariable), Read(SignaturePolicyVariable));
    }
}
