using System.Text.Json.Nodes;
using BuildRunner.IntegrationTests.Fixtures;
using BuildRunner.Settings;
using k8s;
using k8s.Models;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// deploy/kubernetes/job.yaml's pod, run for real by <c>podman kube play --userns=auto</c>: its init container fills the
/// workspace, its build container builds and pushes under the manifest's own security context (four capabilities, no
/// privilege escalation, read-only root, the shipped seccomp profile) in a user namespace, reading its settings from the
/// pod's annotations and the cluster ConfigMap. What podman 4.3 cannot play is replaced, each substitution said where it is
/// made; everything else is the manifest as shipped.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class KubernetesJobTests(EngineFixture engine)
{
    private static string JobFile => Repository.Path_("deploy", "kubernetes", "job.yaml");

    [Fact]
    public async Task The_Jobs_pod_fetches_the_source_then_builds_and_pushes_as_root_of_its_user_namespace_and_reports_the_digest()
    {
        using var sandbox = Sandbox.Create("kube-job");
        var source = Context(sandbox);
        var termination = TerminationFile(sandbox);
        var job = KubernetesYaml.Deserialize<V1Job>(await File.ReadAllTextAsync(JobFile), strict: true);
        var image = $"{KubePlay.RegistryAddress}/kube/job:latest";
        var (pod, maps) = Playable(job, image, source, termination);

        await using var play = await KubePlay.StartAsync(engine, Path.Combine(sandbox.Dir, "play"),
            KubePlay.Yaml(pod, maps), pod.Metadata.Name, Repository.Path_("deploy", "seccomp"));
        var build = await play.WaitAsync("build");

        Assert.True(build.ExitCode == 0, build.All);
        // The namespace: container root is an unprivileged node ID (the cluster overrides also require one).
        Assert.Matches(@"user namespace: yes; container root is node UID [1-9]\d{5,}; 65536 IDs mapped", build.All);
        Assert.Contains("mode: root-of-user-namespace; buildah keeps CAP_SETGID,CAP_SETUID,CAP_SYS_CHROOT,CAP_SETFCAP", build.All, StringComparison.Ordinal);
        // The termination message the kubelet would show is the pushed image by digest, and the registry agrees.
        var message = await File.ReadAllTextAsync(termination);
        var pushed = await play.Registry.InspectAsync(image);
        Assert.Equal($"{KubePlay.RegistryAddress}/kube/job@{pushed.GetProperty("Digest").GetString()}", message.Trim());
        Assert.Contains("/bin/busybox", (await play.Registry.FilesAsync("kube/job", "latest")).Select(f => "/" + f.Path));
    }

    [Fact]
    public async Task The_Jobs_seccomp_profile_is_really_applied_a_profile_without_unshare_stops_the_build_at_the_preflight()
    {
        using var sandbox = Sandbox.Create("kube-job-seccomp");
        var source = Context(sandbox);
        var termination = TerminationFile(sandbox);
        var job = KubernetesYaml.Deserialize<V1Job>(await File.ReadAllTextAsync(JobFile), strict: true);
        var (pod, maps) = Playable(job, $"{KubePlay.RegistryAddress}/kube/refused:latest", source, termination);
        // The same file name in another seccomp root: the shipped profile less unshare.
        var root = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "seccomp")).FullName;
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(Repository.Path_("deploy", "seccomp", "build-runner.json")))!;
        foreach (var names in profile["syscalls"]!.AsArray().Select(r => r!["names"]!.AsArray()))
        {
            foreach (var unshare in names.Where(n => (string?)n == "unshare").ToList())
            {
                names.Remove(unshare);
            }
        }
        await File.WriteAllTextAsync(Path.Combine(root, "build-runner.json"), profile.ToJsonString());

        await using var play = await KubePlay.StartAsync(engine, Path.Combine(sandbox.Dir, "play"), KubePlay.Yaml(pod, maps), pod.Metadata.Name, root);
        var build = await play.WaitAsync("build");

        Assert.True(build.ExitCode == 9, build.All);
        // The termination message the kubelet would show names the refused call and the profile that fixes it.
        var message = await File.ReadAllTextAsync(termination);
        Assert.Contains("refuses syscalls buildah needs: unshare", message, StringComparison.Ordinal);
        Assert.Contains("localhostProfile: build-runner.json", message, StringComparison.Ordinal);
        Assert.False(play.Registry.HasRepository("kube/refused"));
    }

    /// <summary>
    /// The Job's pod as podman 4.3 can play it. Every change is one podman or this machine needs; the security contexts,
    /// args, env, mounts, emptyDirs and annotations stay as shipped.
    /// </summary>
    private static (V1Pod Pod, V1ConfigMap[] Maps) Playable(V1Job job, string image, string source, string termination)
    {
        var template = job.Spec.Template;
        // 1. A Job is played as the Pod its template makes (kube play takes Pods and Deployments).
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            // A name of its own per run, as a Job's pods have (job name and a suffix).
            Metadata = new V1ObjectMeta { Name = $"{job.Metadata.Name}-{Guid.NewGuid():N}"[..(job.Metadata.Name.Length + 6)], Annotations = new Dictionary<string, string>(template.Metadata.Annotations) },
            Spec = template.Spec,
        };
        var spec = pod.Spec;
        var build = spec.Containers.Single(c => c.Name == "build");
        var fetch = spec.InitContainers.Single(c => c.Name == "fetch-source");

        // 2. The pod's annotations, pointed at the test registry (plain HTTP, so tls-verify false); the rest as shipped.
        pod.Metadata.Annotations[SettingsCatalog.OutputImage.AnnotationKey] = image;
        pod.Metadata.Annotations[SettingsCatalog.TlsVerify.AnnotationKey] = "false";

        // 3. podman 4.3 plays no downwardAPI volume: a ConfigMap holding the same file, in the kubelet's format, stands in.
        var podinfo = spec.Volumes.Single(v => v.DownwardAPI?.Items?.Any(i => i.FieldRef.FieldPath == "metadata.annotations") == true);
        var annotationsPath = podinfo.DownwardAPI.Items.Single().Path;
        var annotations = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "podinfo-stand-in" },
            Data = new Dictionary<string, string> { [annotationsPath] = AnnotationsFile.Format(pod.Metadata.Annotations.ToDictionary()) },
        };
        podinfo.DownwardAPI = null;
        podinfo.ConfigMap = new V1ConfigMapVolumeSource { Name = annotations.Metadata.Name };

        // 4. Nor a Secret volume: the push secret's .dockerconfigjson comes from a ConfigMap (no credentials: the test
        //    registry has none).
        var pushSecret = spec.Volumes.Single(v => v.Secret is not null);
        var secretKey = pushSecret.Secret.Items.Single().Key;
        var credentials = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "push-secret-stand-in" },
            Data = new Dictionary<string, string> { [secretKey] = "{\"auths\":{}}" },
        };
        pushSecret.Secret = null;
        pushSecret.ConfigMap = new V1ConfigMapVolumeSource { Name = credentials.Metadata.Name };

        // 5. The cluster defaults and overrides: the shipped ConfigMap itself (it requires a user namespace).
        var cluster = KubernetesYaml.Deserialize<V1ConfigMap>(File.ReadAllText(Repository.Path_("deploy", "cluster-config.yaml")), strict: true);

        // 6. Images: the test's builder image; the init container's git image is a placeholder (no git server here), so it
        //    copies the context from a hostPath instead of cloning, under its own shipped security context.
        build.Image = EngineFixture.Image;
        fetch.Image = EngineFixture.Image;
        fetch.Command = ["cp", "-r", "/source/.", "/workspace/"];
        spec.Volumes.Add(new V1Volume { Name = "source", HostPath = new V1HostPathVolumeSource { Path = source, Type = "Directory" } });
        fetch.VolumeMounts.Add(new V1VolumeMount { Name = "source", MountPath = "/source", ReadOnlyProperty = true });

        // 7. podman 4.3 reads seccomp profiles from the annotations Kubernetes had before securityContext.seccompProfile:
        //    each container's profile becomes one (localhost/ profiles are read from --seccomp-profile-root).
        foreach (var container in spec.InitContainers.Concat(spec.Containers))
        {
            var profile = container.SecurityContext?.SeccompProfile ?? spec.SecurityContext?.SeccompProfile;
            pod.Metadata.Annotations[$"container.seccomp.security.alpha.kubernetes.io/{container.Name}"] = profile?.Type switch
            {
                "Localhost" => "localhost/" + profile.LocalhostProfile,
                "RuntimeDefault" => "runtime/default",
                _ => throw new InvalidOperationException($"{container.Name}: seccomp profile {profile?.Type}"),
            };
        }

        // 8. The kubelet binds a file of its own at the termination message path; so does the test.
        spec.Volumes.Add(new V1Volume { Name = "termination-log", HostPath = new V1HostPathVolumeSource { Path = termination, Type = "File" } });
        build.VolumeMounts.Add(new V1VolumeMount { Name = "termination-log", MountPath = build.TerminationMessagePath ?? "/dev/termination-log" });

        return (pod, [annotations, credentials, cluster]);
    }

    /// <summary>A context that needs no base image (the pod's registry starts empty) and has a RUN step.</summary>
    private static string Context(Sandbox sandbox)
    {
        var context = sandbox.AddContext("source", new Dictionary<string, string>
        {
            ["Containerfile"] = "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"sh\", \"-c\", \"/bin/busybox echo built > /built\"]\n",
        });
        File.Copy("/bin/busybox", Path.Combine(context, "busybox"));
        return context;
    }

    /// <summary>A file any ID of the pod may write, as the kubelet's is for the container.</summary>
    private static string TerminationFile(Sandbox sandbox)
    {
        var path = Path.Combine(sandbox.Dir, "termination-log");
        File.WriteAllText(path, "");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
        return path;
    }
}
