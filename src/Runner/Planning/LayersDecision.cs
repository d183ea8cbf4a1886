using BuildRunner.Buildah;

namespace BuildRunner.Planning;

/// <summary>Whether the build commits an image per instruction (buildah's <c>--layers</c>), why, and the layer cache it uses.</summary>
/// <param name="Enabled">Whether layers are on.</param>
/// <param name="Reason">Why, for the log and <c>doctor</c>.</param>
/// <param name="Cache">The registry layer cache the build reads (and maybe writes); null when none is set or layers are off.</param>
public sealed record LayersDecision(bool Enabled, string Reason, LayerCache? Cache);
