using System.Collections.Immutable;
using BuildRunner.Host;

namespace BuildRunner.Planning;

/// <summary>How the build will hold its privileges.</summary>
/// <param name="Mode">Who the runner is.</param>
/// <param name="Required">Capabilities the build needs in the pod's namespace.</param>
/// <param name="Missing">Required capabilities the pod does not give.</param>
/// <param name="Keep">The bounding set buildah starts with, or null when the runner cannot change it (non-root).</param>
/// <param name="Dropped">Capabilities the pod gives that are taken away from buildah.</param>
/// <param name="Problems">Everything found, blocking first.</param>
public sealed record PrivilegePlan(
    IdentityMode Mode,
    CapabilitySet Required,
    CapabilitySet Missing,
    CapabilitySet? Keep,
    CapabilitySet Dropped,
    ImmutableArray<Problem> Problems);
