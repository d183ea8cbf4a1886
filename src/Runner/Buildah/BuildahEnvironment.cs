using System.Collections.Immutable;

namespace BuildRunner.Buildah;

/// <summary>The environment every buildah run gets.</summary>
public static class BuildahEnvironment
{
    /// <summary>
    /// Points buildah at the runner's own storage.conf and forces chroot isolation (the OCI runtime needs
    /// privileges a pod does not have).
    /// </summary>
    public static ImmutableDictionary<string, string?> For(string storageConfPath) =>
        ImmutableDictionary<string, string?>.Empty
            .Add("CONTAINERS_STORAGE_CONF", storageConfPath)
            .Add("BUILDAH_ISOLATION", "chroot")
            // A stray REGISTRY_AUTH_FILE in the image would silently replace the credentials the pod was given.
            .Add("REGISTRY_AUTH_FILE", null);
}
