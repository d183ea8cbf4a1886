using System.Collections.Immutable;
using BuildRunner.Buildah;
using BuildRunner.Reporting;
using BuildRunner.Settings;

namespace BuildRunner.Planning;

/// <summary>
/// How the runner reads back the manifest it just pushed, to report the image's size as the registry holds it:
/// <c>buildah pull</c> of <c>NAME@DIGEST</c> (only the manifest and config travel: the layers are in the store, and the
/// blob-info cache the push filled maps them) then <c>buildah inspect</c> of its manifest bytes. Same store, environment,
/// credentials, certificates and TLS setting as the push, so whatever let the push through lets this through.
/// </summary>
/// <param name="Store">buildah's store arguments.</param>
/// <param name="Environment">The push's environment.</param>
/// <param name="Settings">The build's settings (credentials, certificates, TLS, retries).</param>
/// <param name="Image">The pushed image, as given.</param>
public sealed record ManifestReadBack(ImmutableArray<string> Store, ImmutableDictionary<string, string?> Environment, BuildSettings Settings, string Image)
{
    /// <summary><c>NAME@DIGEST</c> of the push that answered <paramref name="digest"/>.</summary>
    public string Pinned(string digest) => $"{PublishedImage.Repository(Image)}@{digest}";

    /// <summary>The pull of <see cref="Pinned"/>.</summary>
    public BuildahInvocation Pull(string digest) =>
        new([.. Store, .. BuildahArguments.PullPinned(Settings, Pinned(digest))], Environment, $"reading back the manifest of {Pinned(digest)}", []);

    /// <summary>The inspect that prints the manifest's bytes on one line.</summary>
    public BuildahInvocation Inspect(string digest) =>
        new([.. Store, .. BuildahArguments.InspectManifest(Pinned(digest))], Environment, $"reading back the manifest of {Pinned(digest)}", []);
}
