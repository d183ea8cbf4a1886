namespace BuildRunner.Planning;

/// <summary>
/// Whether buildah, run as root of the pod's namespace, can keep its blob-info cache: the file where it remembers
/// which compressed blob each layer was pulled as and which registry repositories already hold it. Root buildah
/// keeps it in <see cref="SystemDirectory"/> (containers/image chooses that path for euid 0; no flag, variable or
/// configuration file moves it); when the folder cannot be written, buildah keeps the cache in memory only, so the
/// push, a separate buildah run, knows nothing of the pull and uploads the base image's layers again.
/// </summary>
/// <param name="Directory">The folder buildah uses.</param>
/// <param name="Problem">Why buildah cannot make or write it, or null when it can.</param>
public sealed record BlobInfoCacheFacts(string Directory, string? Problem)
{
    /// <summary>Where containers/image keeps the cache for root.</summary>
    public const string SystemDirectory = "/var/lib/containers/cache";

    /// <summary>Nothing known (tests that do not care): taken as writable.</summary>
    public static BlobInfoCacheFacts Unknown { get; } = new(SystemDirectory, null);

    /// <summary>Whether buildah can keep the cache on disk.</summary>
    public bool Writable => Problem is null;
}
