using BuildRunner.Cli;
using BuildRunner.Planning;
using BuildRunner.Settings;
using k8s.Models;

namespace BuildRunner.Tests.Deploy;

/// <summary>
/// deploy/kubernetes/image-store.yaml against the code: the pre-puller runs <c>prefetch</c> with flags it takes, in a
/// user-namespaced pod with the four capabilities and the shipped seccomp profile, into a hostPath; the build pod
/// mounts the same hostPath read-only and names the same store (and driver) in its annotations.
/// </summary>
public class ImageStoreManifestTests
{
    private static readonly string File = Path.Combine(Checkout.Root, "deploy", "kubernetes", "image-store.yaml");

    private static (V1DaemonSet PrePuller, V1Pod Build) Load()
    {
        var documents = Manifests.Load("kubernetes/image-store.yaml", System.IO.File.ReadAllText(File));
        return (Manifests.As<V1DaemonSet>(Assert.Single(documents, d => d.Kind == "DaemonSet").Tree),
            Manifests.As<V1Pod>(Assert.Single(documents, d => d.Kind == "Pod").Tree));
    }

    [Fact]
    public void The_pre_puller_runs_prefetch_with_its_own_flags_user_namespaced_with_the_four_capabilities_and_the_shipped_profile()
    {
        var (prePuller, _) = Load();
        var spec = prePuller.Spec.Template.Spec;
        var prefetch = Assert.Single(spec.InitContainers);

        Assert.False(spec.HostUsers);
        Assert.Equal("prefetch", prefetch.Args[0]);
        foreach (var flag in prefetch.Args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            Assert.True(SettingsCatalog.ByFlag(flag) is not null || CommandOptions.ValuedByCommand["prefetch"].Contains(flag), $"{flag} is no flag of prefetch");
        }
        Assert.Equal(["ALL"], prefetch.SecurityContext.Capabilities.Drop);
        Assert.Equal(PrivilegePlanner.RootRequired.Names().Select(c => c[4..]).Order(StringComparer.Ordinal), prefetch.SecurityContext.Capabilities.Add.Order(StringComparer.Ordinal));
        Assert.False(prefetch.SecurityContext.AllowPrivilegeEscalation);
        Assert.True(prefetch.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal(("Localhost", SeccompPlanner.ProfileName), (prefetch.SecurityContext.SeccompProfile.Type, prefetch.SecurityContext.SeccompProfile.LocalhostProfile));
    }

    [Fact]
    public void The_build_pod_mounts_the_pre_pullers_hostPath_read_only_and_names_the_same_store_and_driver()
    {
        var (prePuller, build) = Load();
        var prefetch = prePuller.Spec.Template.Spec.InitContainers[0];
        var storageRoot = Value(prefetch.Args, SettingsCatalog.StorageRoot.Flag);
        var (prefetchMount, prefetchVolume) = Below(storageRoot, prefetch.VolumeMounts, prePuller.Spec.Template.Spec.Volumes);
        var container = Assert.Single(build.Spec.Containers);
        var store = build.Metadata.Annotations[SettingsCatalog.ImageStores.AnnotationKey];
        var (buildMount, buildVolume) = Below(store, container.VolumeMounts, build.Spec.Volumes);

        Assert.False(build.Spec.HostUsers);
        Assert.True(buildMount.ReadOnlyProperty);
        Assert.Equal(prefetchVolume.HostPath.Path, buildVolume.HostPath.Path);
        Assert.Equal(Path.GetRelativePath(prefetchMount.MountPath, storageRoot), Path.GetRelativePath(buildMount.MountPath, store));
        Assert.Equal(Value(prefetch.Args, SettingsCatalog.StorageDriver.Flag), build.Metadata.Annotations[SettingsCatalog.StorageDriver.AnnotationKey]);
    }

    private static string Value(IList<string> args, string flag) => args[args.IndexOf(flag) + 1];

    private static (V1VolumeMount Mount, V1Volume Volume) Below(string path, IList<V1VolumeMount> mounts, IList<V1Volume> volumes)
    {
        var mount = mounts.Where(m => path.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal)).MaxBy(m => m.MountPath.Length);
        Assert.NotNull(mount);
        var volume = Assert.Single(volumes, v => v.Name == mount.Name);
        Assert.NotNull(volume.HostPath);
        return (mount, volume);
    }
}
