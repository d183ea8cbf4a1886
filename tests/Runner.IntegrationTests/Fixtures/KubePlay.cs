using System.Globalization;
using k8s;
using k8s.Models;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// A Kubernetes pod run by a real engine: <c>podman kube play</c> (4.3) with <c>--userns=auto</c>, as CRI-O gives a
/// user-namespaced pod its IDs, in the builder image's store. The pod gets a network namespace of its own
/// (<c>--network none</c>: loopback only, made inside the pod's user namespace), and a registry is started in it before the
/// pod's containers start, so the build pushes to 127.0.0.1 inside the pod, as it would to a registry on the network.
/// </summary>
public sealed class KubePlay : IAsyncDisposable
{
    /// <summary>The registry's port inside the pod's own network namespace (nothing else listens there).</summary>
    public const int RegistryPort = 5000;

    private readonly EngineFixture engine;
    private readonly string dir;
    private readonly Dictionary<string, string?> environment;

    private KubePlay(EngineFixture engine, string dir, Dictionary<string, string?> environment, string podName, PodNetworkRegistry registry)
    {
        this.engine = engine;
        this.dir = dir;
        this.environment = environment;
        PodName = podName;
        Registry = registry;
    }

    /// <summary>The registry as the pod sees it.</summary>
    public static string RegistryAddress => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{RegistryPort}");

    /// <summary>The pod's name.</summary>
    public string PodName { get; }

    /// <summary>The registry inside the pod's network namespace; it outlives the pod and is read through its own namespace.</summary>
    public PodNetworkRegistry Registry { get; }

    /// <summary>
    /// Creates the objects of <paramref name="yaml"/> (a Pod and its ConfigMaps) with <c>podman kube play --start=false</c>,
    /// starts the pod's infra container, starts the registry in its network namespace, then starts the pod.
    /// </summary>
    /// <param name="engine">The engine and its store.</param>
    /// <param name="dir">A folder for the play file, the engine configuration and the registry.</param>
    /// <param name="yaml">The documents to play.</param>
    /// <param name="podName">The Pod's name in <paramref name="yaml"/>.</param>
    /// <param name="seccompRoot">The folder localhost/ seccomp profiles are read from (the kubelet's seccomp root).</param>
    public static async Task<KubePlay> StartAsync(EngineFixture engine, string dir, string yaml, string podName, string seccompRoot)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "play.yaml");
        await File.WriteAllTextAsync(file, yaml);
        // kube play has no --runtime or --ulimit: runc (crun cannot run on this machine's cgroup layout) and rlimits the
        // machine allows come from a containers.conf of the test's own.
        var conf = Path.Combine(dir, "containers.conf");
        await File.WriteAllTextAsync(conf, "[containers]\ndefault_ulimits = [\"nofile=1024:1024\", \"nproc=4096:4096\"]\n[engine]\nruntime = \"runc\"\n");
        var environment = new Dictionary<string, string?> { ["CONTAINERS_CONF"] = conf };

        var played = await Run.ProcessAsync("podman",
            [.. engine.StoreArguments, "kube", "play", "--start=false", "--network", "none", "--userns=auto:size=65536",
             "--seccomp-profile-root", seccompRoot, file], environment);
        if (played.ExitCode != 0)
        {
            throw new InvalidOperationException("podman kube play failed:\n" + played.All);
        }
        var infra = (await Run.CheckedAsync("podman", [.. engine.StoreArguments, "pod", "inspect", podName, "--format", "{{.InfraContainerID}}"])).Trim();
        await Run.CheckedAsync("podman", [.. engine.StoreArguments, "start", infra]);
        var pid = int.Parse((await Run.CheckedAsync("podman", [.. engine.StoreArguments, "inspect", infra, "--format", "{{.State.Pid}}"])).Trim(),
            NumberStyles.None, CultureInfo.InvariantCulture);
        var registry = await PodNetworkRegistry.StartAsync(pid, Path.Combine(dir, "registry"), RegistryPort);
        var play = new KubePlay(engine, dir, environment, podName, registry);
        var started = await Run.ProcessAsync("podman", [.. engine.StoreArguments, "pod", "start", podName], environment);
        if (started.ExitCode != 0)
        {
            await play.DisposeAsync();
            throw new InvalidOperationException("podman pod start failed:\n" + started.All);
        }
        return play;
    }

    /// <summary>Waits for a container of the pod to end; returns its exit code and its log.</summary>
    public async Task<ProcessResult> WaitAsync(string container)
    {
        var name = $"{PodName}-{container}";
        var waited = await Run.CheckedAsync("podman", [.. engine.StoreArguments, "wait", name]);
        var log = await Run.ProcessAsync("podman", [.. engine.StoreArguments, "logs", name]);
        return new ProcessResult(int.Parse(waited.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), log.StandardOutput, log.StandardError);
    }

    /// <summary>
    /// The YAML <c>podman kube play</c> reads for <paramref name="pod"/> and its ConfigMaps, in the client's own serialization.
    /// </summary>
    public static string Yaml(V1Pod pod, params V1ConfigMap[] configMaps) =>
        string.Join("\n---\n", configMaps.Select(m => KubernetesYaml.Serialize(m).TrimEnd()).Append(KubernetesYaml.Serialize(pod).TrimEnd())) + "\n";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // A mount namespace made elsewhere on the node while the pod ran (another sandbox) can hold a copy of the pod's
        // /dev/shm mount for a moment, and podman then cannot remove the folder under it: try again shortly.
        var removed = await Run.ProcessAsync("podman", [.. engine.StoreArguments, "pod", "rm", "--force", "--time", "0", PodName], environment);
        for (var attempt = 1; removed.ExitCode != 0 && attempt <= 5; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            removed = await Run.ProcessAsync("podman", [.. engine.StoreArguments, "pod", "rm", "--force", "--time", "0", PodName], environment);
        }
        await Registry.DisposeAsync();
        // The pod's emptyDir and ConfigMap volumes are podman volumes; the fixture's store goes at the end of the run.
        await Run.ProcessAsync("podman", [.. engine.StoreArguments, "volume", "prune", "--force"]);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
        if (removed.ExitCode != 0)
        {
            throw new InvalidOperationException($"podman pod rm {PodName} failed:\n{removed.All}");
        }
    }
}
