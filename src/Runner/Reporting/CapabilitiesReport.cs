namespace BuildRunner.Reporting;

/// <summary>Capability sets of the runner and of the build.</summary>
/// <param name="Effective">The runner's effective set.</param>
/// <param name="Bounding">The runner's bounding set.</param>
/// <param name="Required">What the build needs.</param>
/// <param name="Missing">What the build needs and the pod does not give.</param>
/// <param name="Dropped">What the pod gives and buildah will not get.</param>
/// <param name="RunSteps">What RUN steps hold (inside buildah's nested namespace).</param>
public sealed record CapabilitiesReport(
    IReadOnlyList<string> Effective,
    IReadOnlyList<string> Bounding,
    IReadOnlyList<string> Required,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Dropped,
    IReadOnlyList<string> RunSteps);
