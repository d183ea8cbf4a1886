namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// A real container engine (podman with runc, <c>--userns=auto</c>, as CRI-O does for a user-namespaced pod)
/// and the builder image made from Containerfile by hack/engine-image.sh, in a store of the test run's own.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    /// <summary>The image tag.</summary>
    public const string Image = "localhost/build-runner/builder:test";

    /// <summary>The store podman and the image share; removed at the end
    /// (short: podman refuses a run root longer than 50 characters).</summary>
    public string Store { get; } = Path.Combine("/var/lib", $"br-engine-{Guid.NewGuid():N}"[..18]);

    /// <summary>
    /// The global podman options that select <see cref="Store"/>, driver included: podman records the driver of its
    /// first run in the store's database and refuses any later run that names another ("database configuration
    /// mismatch"), so every podman call on the store, whichever test comes first, names the same one.
    /// </summary>
    public IReadOnlyList<string> StoreArguments => ["--root", Path.Combine(Store, "root"), "--runroot", Path.Combine(Store, "run"), "--storage-driver", "overlay"];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var result = await Run.ProcessAsync(Repository.Path_("hack", "engine-image.sh"), [Store, Image]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("building the builder image failed:\n" + result.All);
        }
    }

    /// <summary>
    /// <c>podman run</c> of the builder image as a pod would run it: a user namespace of 65536 IDs, the node's
    /// loopback reachable (the test registry is on 127.0.0.1), /run, /tmp and /var/tmp on tmpfs, a volume at
    /// /var/lib/containers, plus <paramref name="podOptions"/> (capabilities, user, and so on).
    /// </summary>
    public Task<ProcessResult> RunAsync(string volume, IEnumerable<string> podOptions, params string[] runnerArguments) =>
        RunImageAsync(Image, volume, podOptions, runnerArguments);

    /// <summary>As <see cref="RunAsync"/>, with another image in the same store (one derived from the builder image).</summary>
    public Task<ProcessResult> RunImageAsync(string image, string volume, IEnumerable<string> podOptions, params string[] runnerArguments)
    {
        string[] args =
        [
            .. StoreArguments,
            "run", "--rm", "--runtime", "runc", "--userns=auto:size=65536",
            // Host networking reaches the registry on 127.0.0.1; /sys is bound because a user namespace cannot mount
            // sysfs for the node's network namespace. This machine refuses raised rlimits.
            "--network", "host", "-v", "/sys:/sys:ro", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=4096:4096",
            "--tmpfs", "/run", "--tmpfs", "/tmp", "--tmpfs", "/var/tmp", "-v", volume + ":/var/lib/containers:U",
            .. podOptions,
            image,
            .. runnerArguments,
        ];
        return Run.ProcessAsync("podman", args);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Run.ProcessAsync("podman", [.. StoreArguments, "rm", "--all", "--force"]);
        await Run.ProcessAsync("rm", ["-rf", Store]);
    }
}
