using System.Globalization;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// The builder image under containerd itself (<c>ctr run</c>), shaped as a <c>hostUsers: false</c> pod with the four
/// capabilities, a read-only root and a seccomp profile: the shipped one builds and pushes as an unprivileged node user;
/// containerd's own RuntimeDefault is caught by the preflight.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class ContainerdTests(EngineFixture engine, ContainerdFixture containerd) : IClassFixture<ContainerdFixture>
{
    private const string PushedRepository = "ctr/hello";
    private const long FirstMappedId = ContainerdFixture.HostIdOfRoot;
    private const long EndOfMappedIds = ContainerdFixture.HostIdOfRoot + ContainerdFixture.Size;

    // CAP_SETGID (6), CAP_SETUID (7), CAP_SYS_CHROOT (18), CAP_SETFCAP (31): written out rather than computed by the runner's own code.
    private const ulong PodCapabilityMask = (1UL << 6) | (1UL << 7) | (1UL << 18) | (1UL << 31);

    private static readonly string ShippedProfile = Repository.Path_("deploy", "seccomp", "build-runner.json");

    // No registry serves a base image inside the pod's network namespace: the context brings its own busybox.
    // The RUN step chowns (IDs of buildah's nested namespace) and sleeps so buildah runs long enough to be watched
    // (the whole build takes about a second otherwise).
    private static readonly Dictionary<string, string> Context = new()
    {
        ["Containerfile"] = """
            FROM scratch
            COPY busybox /bin/busybox
            RUN ["/bin/busybox", "sh", "-c", "/bin/busybox mkdir -p /owned && /bin/busybox touch /owned/a && /bin/busybox chown 1234:5678 /owned/a && /bin/busybox sleep 2"]

            """,
    };

    [Fact]
    public async Task Under_containerd_with_the_shipped_profile_in_a_user_namespace_it_builds_and_pushes_as_an_unprivileged_node_user()
    {
        var image = await containerd.ImportAsync(engine);
        await using var pod = containerd.CreatePod("shipped");
        await using var registry = await StartAsync(pod, image, ShippedProfile);

        var (run, seen) = await ReleaseAndWatchAsync(pod);

        Assert.True(run.ExitCode == 0, run.All);
        var result = pod.ReadResult();
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        var ns = result.GetProperty("userNamespace");
        Assert.True(ns.GetProperty("inUserNamespace").GetBoolean());
        Assert.Equal(ContainerdFixture.HostIdOfRoot, ns.GetProperty("hostUidOfRoot").GetInt64());
        Assert.Equal(ContainerdFixture.Size, ns.GetProperty("size").GetInt64());

        // In the registry, with the digest the result names, and the RUN step's owners kept.
        var digest = result.GetProperty("digest").GetString();
        Assert.StartsWith("sha256:", digest, StringComparison.Ordinal);
        Assert.Equal(digest, (await registry.InspectAsync($"{registry.Address}/{PushedRepository}:latest")).GetProperty("Digest").GetString());
        var files = await registry.FilesAsync(PushedRepository, "latest");
        Assert.Equal((1234, 5678), files.Where(f => f.Path == "owned/a").Select(f => (f.Uid, f.Gid)).Single());

        // From the node: buildah ran, and nothing of the pod (runner, buildah, RUN step) ran as anything but the mapped range.
        Assert.Contains(seen, p => p.Program == "buildah");
        AssertAllMapped(seen);

        // From the node: every file of the store belongs to the mapped range, none to root; the RUN step's
        // 1234:5678 is stored as FirstMappedId + 1234 : FirstMappedId + 5678.
        var owners = await StorageOwnersAsync(pod.Storage);
        Assert.True(owners.Count > 10, $"only {owners.Count} entries under {pod.Storage}");
        var strays = owners.Where(o => !IsMapped(o.Uid) || !IsMapped(o.Gid)).Select(o => $"{o.Uid}:{o.Gid} {o.Path}").ToList();
        Assert.True(strays.Count == 0, "stored outside the mapped range:\n" + string.Join('\n', strays.Take(20)));
        Assert.Contains(owners, o => o.Uid == FirstMappedId + 1234 && o.Gid == FirstMappedId + 5678 && o.Path.EndsWith("/owned/a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Under_containerds_own_RuntimeDefault_seccomp_profile_the_same_pod_stops_at_the_preflight_with_exit_code_9()
    {
        var image = await containerd.ImportAsync(engine);
        await using var pod = containerd.CreatePod("runtime-default");
        await using var registry = await StartAsync(pod, image, seccompProfile: null);

        var (run, seen) = await ReleaseAndWatchAsync(pod);

        Assert.True(run.ExitCode == 9, run.All);
        var result = pod.ReadResult();
        Assert.Equal("failed", result.GetProperty("status").GetString());
        var error = result.GetProperty("error");
        Assert.True(error.GetProperty("code").GetString() == "seccomp-refused", error.GetRawText());
        Assert.Equal(9, error.GetProperty("exitCode").GetInt32());
        Assert.Contains("seccomp", File.ReadAllText(pod.TerminationLogPath), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("seccomp", run.StandardError, StringComparison.OrdinalIgnoreCase);
        // Not mistaken for a storage problem (buildah's "parsing PID" under a refused unshare), and stopped before any build step.
        Assert.DoesNotContain("storage-unusable", run.All + result.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("STEP", run.StandardOutput, StringComparison.Ordinal);
        Assert.False(registry.HasRepository(PushedRepository), "nothing may be pushed");
        AssertAllMapped(seen);
    }

    /// <summary>
    /// Starts the pod (the runner waits), checks from the node that containerd shaped it as asked, starts the registry in
    /// its network namespace and writes the annotations naming it.
    /// </summary>
    private static async Task<PodNetworkRegistry> StartAsync(ContainerdPod pod, string image, string? seccompProfile)
    {
        pod.AddContext(Context);
        pod.CopyIntoContext("/bin/busybox", "busybox");
        await pod.StartAsync(image, seccompProfile, "build", "--result", "/out/result.json", "--termination-log", "/out/termination-log");

        var pid = pod.TaskPid;
        var map = string.Create(CultureInfo.InvariantCulture, $"0 {ContainerdFixture.HostIdOfRoot} {ContainerdFixture.Size}");
        Assert.Equal(map, Normalised(File.ReadAllText($"/proc/{pid}/uid_map")));
        Assert.Equal(map, Normalised(File.ReadAllText($"/proc/{pid}/gid_map")));
        Assert.Equal(PodCapabilityMask, ulong.Parse(HostProcess.StatusField(pid, "CapBnd"), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        Assert.Equal(PodCapabilityMask, ulong.Parse(HostProcess.StatusField(pid, "CapEff"), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        Assert.Equal("1", HostProcess.StatusField(pid, "NoNewPrivs"));
        Assert.Equal("2", HostProcess.StatusField(pid, "Seccomp"));
        // mountinfo: field 5 is the mount point, field 6 its per-mount options.
        var root = File.ReadAllLines($"/proc/{pid}/mountinfo").Select(l => l.Split(' ')).Single(f => f[4] == "/");
        Assert.Contains("ro", root[5].Split(','));

        var registry = await PodNetworkRegistry.StartAsync(pid, Path.Combine(pod.Dir, "registry"));
        pod.WriteAnnotations(new Dictionary<string, string>
        {
            ["build-runner/context"] = "/workspace",
            ["build-runner/output-image"] = $"{registry.Address}/{PushedRepository}:latest",
            ["build-runner/tls-verify"] = "false",
        });
        return registry;
    }

    /// <summary>Lets the runner start and samples the pod's process tree from the node until the task ends.</summary>
    private static async Task<(ProcessResult Run, List<HostProcess> Seen)> ReleaseAndWatchAsync(ContainerdPod pod)
    {
        pod.Release();
        var seen = new List<HostProcess>();
        while (!pod.Completion.IsCompleted)
        {
            seen.AddRange(HostProcess.TreeOf(pod.TaskPid));
            await Task.Delay(50);
        }
        return (await pod.Completion, seen);
    }

    private static void AssertAllMapped(List<HostProcess> seen)
    {
        Assert.NotEmpty(seen);
        var outside = seen.Where(p => !p.Uids.All(IsMapped) || !p.Gids.All(IsMapped))
            .Select(p => $"{p.Pid} {string.Join(' ', p.CommandLine)}: Uid {string.Join(' ', p.Uids)} Gid {string.Join(' ', p.Gids)}").Distinct().ToList();
        Assert.True(outside.Count == 0, "pod processes outside the mapped range:\n" + string.Join('\n', outside));
    }

    private static bool IsMapped(long id) => id is >= FirstMappedId and < EndOfMappedIds;

    private static string Normalised(string map) =>
        string.Join(' ', map.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Owner and group of every entry under <paramref name="folder"/>, symbolic links themselves included.</summary>
    private static async Task<List<(long Uid, long Gid, string Path)>> StorageOwnersAsync(string folder)
    {
        var listing = await Run.CheckedAsync("find", folder, "-printf", "%U %G %p\\0");
        return [.. listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var parts = line.Split(' ', 3);
            return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
        })];
    }
}
