using System.Collections.Immutable;
using BuildRunner.Settings;

namespace BuildRunner.Buildah;

/// <summary>The environment every buildah run gets.</summary>
public static class BuildahEnvironment
{
    /// <summary>
    /// Points buildah at the runner's own storage.conf and forces chroot isolation (the OCI runtime needs
    /// privileges a pod does not have); with <paramref name="dataHome"/>, sets <c>XDG_DATA_HOME</c>, where a non-root
    /// buildah keeps its blob-info cache.
    /// </summary>
    /// <param name="storageConfPath">The runner's storage.conf.</param>
    /// <param name="dataHome">Where a non-root buildah keeps its blob-info cache, or null.</param>
    /// <param name="proxy">The proxy settings, set for buildah's pulls and pushes (RUN steps never see them: <c>--http-proxy=false</c>).</param>
    public static ImmutableDictionary<string, string?> For(string storageConfPath, string? dataHome = null, ProxySettings? proxy = null)
    {
        var environment = (proxy ?? ProxySettings.None).Variables()
            .Add("CONTAINERS_STORAGE_CONF", storageConfPath)
            .Add("BUILDAH_ISOLATION", "chroot")
            // A stray REGISTRY_AUTH_FILE in the image would silently replace the credentials the pod was given.
            .Add("REGISTRY_AUTH_FILE", null);
        return dataHome is null ? environment : environment.Add("XDG_DATA_HOME", dataHome);
    }

    /// <summary>
    /// <paramref name="environment"/> with <c>HOME</c> at <paramref name="home"/> when registry certificates are to be
    /// trusted: buildah looks for per-registry CAs in <c>$HOME/.config/containers/certs.d</c> before the system's
    /// folders, whoever it runs as, and a read-only root filesystem leaves no other place to put them.
    /// </summary>
    public static ImmutableDictionary<string, string?> WithHome(ImmutableDictionary<string, string?> environment, string? home)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return home is null ? environment : environment.SetItem("HOME", home);
    }

    /// <summary>Where buildah finds per-registry certificates under a home folder.</summary>
    public static string CertsDirectoryIn(string home) => Path.Combine(home, ".config", "containers", "certs.d");
}
