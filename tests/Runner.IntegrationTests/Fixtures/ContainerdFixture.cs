namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// containerd itself as the engine (what EKS, GKE, AKS, k3s and kind run pods with): a private containerd
/// (hack/containerd.sh: its own config, root, state, socket and runc root under <see cref="Dir"/>, CRI plugin off)
/// holding the builder image that <see cref="EngineFixture"/> built, imported once as an OCI archive.
/// </summary>
public sealed class ContainerdFixture : IAsyncLifetime
{
    /// <summary>The ctr namespace every container of this fixture lives in.</summary>
    public const string Namespace = "build-runner-tests";

    /// <summary>
    /// Node UID and GID of container root. 100000–165535 is the unshare sandbox's range and 200000–1199999 podman's
    /// <c>--userns=auto</c> pool (hack/install-deps.sh); this range is used by nothing else.
    /// </summary>
    public const long HostIdOfRoot = 1_300_000;

    /// <summary>How many IDs the pod's user namespace maps (what Kubernetes gives a <c>hostUsers: false</c> pod).</summary>
    public const long Size = 65536;

    private readonly Lock gate = new();
    private Task<string>? import;

    /// <summary>containerd's folder (config, root, state, socket, runc root, pods); removed at the end.</summary>
    public string Dir { get; } = Path.Combine("/var/lib", $"br-containerd-{Guid.NewGuid():N}"[..22]);

    /// <summary>containerd's socket.</summary>
    public string Socket => Path.Combine(Dir, "containerd.sock");

    /// <inheritdoc />
    public async Task InitializeAsync() => await Run.CheckedAsync(Repository.Path_("hack", "containerd.sh"), "start", Dir);

    /// <summary>
    /// The builder image in containerd (pushed from the engine fixture's store as an OCI archive, then
    /// <c>ctr images import</c>); imported on the first call only. Returns its reference.
    /// </summary>
    public Task<string> ImportAsync(EngineFixture engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        lock (gate)
        {
            return import ??= ImportOnceAsync(engine);
        }
    }

    /// <summary>A new pod folder (storage volume, output folder, build context, annotations, start signal); nothing runs yet.</summary>
    public ContainerdPod CreatePod(string name) => new(this, name);

    /// <summary><c>ctr</c> against this containerd, in <see cref="Namespace"/>.</summary>
    public Task<ProcessResult> CtrAsync(params string[] arguments) =>
        Run.ProcessAsync("ctr", ["--address", Socket, "--namespace", Namespace, .. arguments]);

    /// <summary><c>ctr</c> against this containerd, insisting on exit code 0.</summary>
    public Task<string> CtrCheckedAsync(params string[] arguments) =>
        Run.CheckedAsync("ctr", ["--address", Socket, "--namespace", Namespace, .. arguments]);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        // Kills any task still running, stops containerd by its PID, unmounts what is left under Dir, removes Dir.
        await Run.ProcessAsync(Repository.Path_("hack", "containerd.sh"), ["stop", Dir]);
    }

    private async Task<string> ImportOnceAsync(EngineFixture engine)
    {
        var archive = Path.Combine(Dir, "builder.tar");
        await Run.CheckedAsync("buildah", "--root", Path.Combine(engine.Store, "root"), "--runroot", Path.Combine(engine.Store, "run"),
            "--storage-driver", "overlay", "push", "--quiet", EngineFixture.Image, $"oci-archive:{archive}:{EngineFixture.Image}");
        await CtrCheckedAsync("images", "import", archive);
        File.Delete(archive);
        return EngineFixture.Image;
    }
}
